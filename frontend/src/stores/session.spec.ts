import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { hasAccessToken } from '@/api/client'
import { useSessionStore } from './session'

function token(role: string): Response {
  const body = { access: 'jwt', token_type: 'Bearer', expires_in: 900, user: { id: 1, username: 'ana', name: '', email: '', role } }
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('the session store', () => {
  it('gives each role what the ones below it have', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(token('responder')))
    const session = useSessionStore()

    await session.signIn('ana', 'pw')

    expect(session.can('viewer')).toBe(true)
    expect(session.can('responder')).toBe(true)
    expect(session.can('admin')).toBe(false)
  })

  it('uses the refresh cookie once however many requests need it', async () => {
    let release: (value: Response) => void = () => {}
    const fetch = vi.fn().mockReturnValue(new Promise<Response>((resolve) => (release = resolve)))
    vi.stubGlobal('fetch', fetch)
    const session = useSessionStore()

    const first = session.refresh()
    const second = session.refresh()
    release(token('viewer'))

    expect(await first).toBe(true)
    expect(await second).toBe(true)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch.mock.calls[0][0]).toBe('/auth/token/refresh/')
  })

  it("takes the browser-wide lock, so two tabs never spend the same refresh token", async () => {
    const taken: string[] = []
    vi.stubGlobal('navigator', {
      locks: { request: async (name: string, task: () => Promise<unknown>) => (taken.push(name), task()) },
    })
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(token('viewer')))
    const session = useSessionStore()

    expect(await session.refresh()).toBe(true)

    expect(taken).toEqual(['vigil-refresh'])
  })

  it('forgets the token on sign-out even when the server is gone', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(token('admin')).mockRejectedValue(new TypeError('down')))
    const session = useSessionStore()
    await session.signIn('ana', 'pw')

    await session.signOut()

    expect(session.signedIn).toBe(false)
    expect(hasAccessToken()).toBe(false)
  })

  it('renews the access token before it runs out', async () => {
    vi.useFakeTimers()
    const fetch = vi.fn().mockResolvedValue(token('viewer'))
    vi.stubGlobal('fetch', fetch)
    const session = useSessionStore()
    await session.signIn('ana', 'pw')

    await vi.advanceTimersByTimeAsync(721_000)

    expect(fetch.mock.calls.map((call) => call[0])).toEqual(['/auth/token/', '/auth/token/refresh/'])
  })
})
