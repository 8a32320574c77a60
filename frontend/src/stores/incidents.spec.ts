import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Incident } from '@/api/types'
import { isoOrEmpty } from '@/lib/time'

import { mergeFirstPage, useIncidentsStore } from './incidents'

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
    labels: {},
    assignee: '',
    opened_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    acknowledged_at: null,
    acknowledged_by: '',
    resolved_at: null,
    resolved_by: '',
    closed_at: null,
    closed_by: '',
  }
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

const COUNTS = { open: 1, acknowledged: 0, resolved: 0, closed: 0 }

// A fake server at the one outbound seam: answers by path, records what was asked.
function server(routes: Record<string, (url: URL, init: RequestInit) => Response | Promise<Response>>) {
  const asked: { url: URL; init: RequestInit }[] = []
  const fetch = vi.fn(async (input: string, init: RequestInit) => {
    const url = new URL(input, 'http://console')
    asked.push({ url, init })
    return routes[url.pathname](url, init)
  })
  vi.stubGlobal('fetch', fetch)
  return asked
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('mergeFirstPage', () => {
  it('puts a new incident on top and keeps what was loaded beyond the first page', () => {
    const merged = mergeFirstPage([incident(3), incident(2), incident(1)], [incident(4), incident(3, 'renamed')])

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
  it('sends the filters the page offers, and the time range as instants', async () => {
    const asked = server({
      '/alerts/incidents/': () => json({ items: [], limit: 25, next_cursor: null }),
      '/alerts/incidents/counts/': () => json(COUNTS),
    })
    const store = useIncidentsStore()
    Object.assign(store.filters, { status: 'open', severity: 'critical', label: 'team:db', opened_after: '2026-03-01T10:00' })

    await store.load()

    const list = asked.find((call) => call.url.pathname === '/alerts/incidents/')!.url.searchParams
    expect(list.get('status')).toBe('open')
    expect(list.get('severity')).toBe('critical')
    expect(list.get('label')).toBe('team:db')
    expect(list.get('opened_after')).toBe(new Date('2026-03-01T10:00').toISOString())
    const counts = asked.find((call) => call.url.pathname === '/alerts/incidents/counts/')!.url.searchParams
    expect(counts.get('status')).toBeNull()
    expect(counts.get('severity')).toBe('critical')
    expect(store.counts).toEqual(COUNTS)
  })

  it('shows a changed incident after the server says something changed', async () => {
    let page = [incident(1)]
    const changes = [
      () => json({ cursor: 'c1', items: [] }, 200, { ETag: '"empty"' }),
      () => new Response(null, { status: 304, headers: { ETag: '"empty"' } }),
      () => json({ cursor: 'c2', items: [incident(2)] }, 200, { ETag: '"x"' }),
    ]
    const asked = server({
      '/alerts/incidents/': () => json({ items: page, limit: 25, next_cursor: null }),
      '/alerts/incidents/counts/': () => json(COUNTS),
      '/alerts/incidents/changes/': () => (changes.shift() ?? (() => new Promise<Response>(() => {})))(),
    })
    vi.useFakeTimers()
    const store = useIncidentsStore()
    await store.load()
    page = [incident(2), incident(1)]

    store.startLive()
    await vi.advanceTimersByTimeAsync(3500)
    store.stopLive()

    const polls = asked.filter((call) => call.url.pathname === '/alerts/incidents/changes/')
    expect(polls[1].url.searchParams.get('since')).toBe('c1')
    expect(polls[1].url.searchParams.get('wait')).toBe('20')
    expect((polls[1].init.headers as Record<string, string>)['If-None-Match']).toBe('"empty"')
    expect(store.items.map((item) => item.id)).toEqual([2, 1])
  })

  it("keeps the server's message when the list fails", async () => {
    server({
      '/alerts/incidents/': () => json({ error: "unknown severity 'urgent'" }, 422),
      '/alerts/incidents/counts/': () => json(COUNTS),
    })
    const store = useIncidentsStore()

    await store.load()

    expect(store.error).toBe("unknown severity 'urgent'")
  })

  it('reports which incident a bulk action could not change', async () => {
    server({
      '/alerts/incidents/bulk/': () => json({ results: [{ id: 1, ok: true, status: 'acknowledged', error: '' }, { id: 2, ok: false, status: 'closed', error: 'incident 2 is closed' }] }),
      '/alerts/incidents/': () => json({ items: [], limit: 25, next_cursor: null }),
      '/alerts/incidents/counts/': () => json(COUNTS),
    })
    const store = useIncidentsStore()

    const error = await store.act([1, 2], 'acknowledge').catch((caught) => caught)

    expect(error.message).toBe('#2: incident 2 is closed')
  })
})
