import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Incident } from '@/api/types'
import { isoOrEmpty, mergeFirstPage, useIncidentsStore } from './incidents'

function incident(id: number, title = `incident ${id}`): Incident {
  return {
    id,
    title,
    status: 'open',
    severity: 'critical',
    source: 'generic',
    environment: '',
    flapping: false,
    group_key: '',
    opened_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    acknowledged_at: null,
    acknowledged_by: '',
    resolved_at: null,
    closed_at: null,
  }
}

function page(items: Incident[], etag: string, counts = {}): Response {
  return new Response(JSON.stringify({ items, limit: 50, counts }), {
    status: 200,
    headers: { 'Content-Type': 'application/json', ETag: etag },
  })
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => vi.unstubAllGlobals())

describe('mergeFirstPage', () => {
  it('puts a new incident on top and keeps what was loaded beyond the first page', () => {
    const current = [incident(3), incident(2), incident(1)]

    const merged = mergeFirstPage(current, [incident(4), incident(3, 'renamed')])

    expect(merged.map((item) => item.id)).toEqual([4, 3, 1])
    expect(merged[1].title).toBe('renamed')
  })
})

describe('isoOrEmpty', () => {
  it("turns the user's wall-clock time into an instant", () => {
    expect(isoOrEmpty('2026-03-01T10:00')).toBe(new Date('2026-03-01T10:00').toISOString())
    expect(isoOrEmpty('')).toBe('')
    expect(isoOrEmpty('garbage')).toBe('')
  })
})

describe('the incidents store', () => {
  it('polls with the ETag and shows a new incident without a reload', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(page([incident(1)], '"a"', { open: 1 }))
      .mockResolvedValueOnce(new Response(null, { status: 304 }))
      .mockResolvedValueOnce(page([incident(2), incident(1)], '"b"', { open: 2 }))
    vi.stubGlobal('fetch', fetch)
    const store = useIncidentsStore()

    await store.load()
    await store.poll()
    expect(store.items.map((item) => item.id)).toEqual([1])
    await store.poll()

    expect(fetch.mock.calls[1][1].headers['If-None-Match']).toBe('"a"')
    expect(fetch.mock.calls[2][1].headers['If-None-Match']).toBe('"a"')
    expect(store.items.map((item) => item.id)).toEqual([2, 1])
    expect(store.counts).toEqual({ open: 2 })
  })

  it('sends the filters the page offers, and the time range as instants', async () => {
    const fetch = vi.fn().mockResolvedValue(page([], '"x"'))
    vi.stubGlobal('fetch', fetch)
    const store = useIncidentsStore()
    Object.assign(store.filters, { status: 'open', severity: 'critical', label: 'team=db', since: '2026-03-01T10:00' })

    await store.load()

    const url = new URL(fetch.mock.calls[0][0], 'http://x')
    expect(url.pathname).toBe('/alerts/incidents/')
    expect(url.searchParams.get('status')).toBe('open')
    expect(url.searchParams.get('severity')).toBe('critical')
    expect(url.searchParams.get('label')).toBe('team=db')
    expect(url.searchParams.get('since')).toBe(new Date('2026-03-01T10:00').toISOString())
    expect(store.filtered).toBe(true)
  })

  it("keeps the server's message when the list fails", async () => {
    const body = JSON.stringify({ error: "unknown severity 'urgent'" })
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(body, { status: 400 })))
    const store = useIncidentsStore()

    await store.load()

    expect(store.error).toBe("unknown severity 'urgent'")
  })
})
