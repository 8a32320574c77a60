import { afterEach, describe, expect, it, vi } from 'vitest'

import { ApiError, buildUrl, call, onExpiredToken, setAccessToken } from './client'

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

afterEach(() => {
  vi.unstubAllGlobals()
  setAccessToken(null)
  onExpiredToken(null)
})

describe('buildUrl', () => {
  it('leaves out empty values and repeats lists', () => {
    expect(buildUrl('/x/', { a: '', b: null, c: 'd e', f: ['1', '2'] })).toBe('/x/?c=d+e&f=1&f=2')
  })
})

describe('call', () => {
  it('sends the access token from memory and never in the URL', async () => {
    const fetch = vi.fn().mockResolvedValue(answer(200, { ok: true }))
    vi.stubGlobal('fetch', fetch)
    setAccessToken('abc')

    await call('GET', '/alerts/incidents/', { query: { status: 'open' } })

    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('/alerts/incidents/?status=open')
    expect(init.headers.Authorization).toBe('Bearer abc')
    expect(init.credentials).toBe('same-origin')
  })

  it("turns the server's error shape into an ApiError with its words", async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(409, { error: 'incident 3 is closed' })))

    const error = await call('POST', '/x/').catch((caught) => caught)

    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(409)
    expect(error.explanation).toBe('incident 3 is closed')
  })

  it('names the fields of a 422', async () => {
    const body = { error: 'invalid request', detail: [{ loc: ['body', 'name'], msg: 'field required' }] }
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(422, body)))

    const error = await call('POST', '/x/').catch((caught) => caught)

    expect(error.explanation).toBe('invalid request: name: field required')
  })

  it('refreshes an expired token once and repeats the request', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(answer(401, { error: 'token expired' }))
      .mockResolvedValueOnce(answer(200, { ok: 1 }))
    vi.stubGlobal('fetch', fetch)
    setAccessToken('old')
    onExpiredToken(async () => {
      setAccessToken('new')
      return true
    })

    const result = await call<{ ok: number }>('GET', '/x/')

    expect(result.data).toEqual({ ok: 1 })
    expect(fetch.mock.calls[1][1].headers.Authorization).toBe('Bearer new')
  })

  it('answers a 304 with no data and keeps the ETag', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response(null, { status: 304 }))
    vi.stubGlobal('fetch', fetch)

    const result = await call('GET', '/x/', { etag: 'W/"7"' })

    expect(fetch.mock.calls[0][1].headers['If-None-Match']).toBe('W/"7"')
    expect(result).toEqual({ data: null, etag: 'W/"7"', status: 304 })
  })

  it('says so when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))

    const error = await call('GET', '/x/').catch((caught) => caught)

    expect(error.status).toBe(0)
    expect(error.message).toMatch(/cannot be reached/)
  })
})
