import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'

import { ApiError, explain, type Query } from '@/api/client'
import { incidents as api } from '@/api/endpoints'
import type { Counts, Incident, IncidentPage } from '@/api/types'
import { isoOrEmpty } from '@/lib/time'

// A screenful. Each row of PrimeVue's DataTable took ~12 ms to render on this (loaded,
// 2-core) machine, so 50 rows kept the list blank ~600 ms after its data came, 25 ~300 ms
// (Performance API marks in headless Chromium); "Load more" brings the next page.
export const PAGE_SIZE = 25
// The server holds a changes request up to this long while nothing happens, when one of
// its few waiting slots is free; otherwise it answers at once and we ask again after
// RETRY_MS (docs/console.md, "Live updates").
export const WAIT_SECONDS = 20
export const RETRY_MS = 1000
const ERROR_RETRY_MS = 5000

export interface IncidentFilters {
  status: string
  severity: string
  source: string
  lane: string
  label: string
  q: string
  opened_after: string
  opened_before: string
  sort: string
}

export function emptyFilters(): IncidentFilters {
  return {
    status: '',
    severity: '',
    source: '',
    lane: '',
    label: '',
    q: '',
    opened_after: '',
    opened_before: '',
    sort: '-opened_at',
  }
}


// The newest page first, then what "load more" added, without the same incident twice.
export function mergeFirstPage(current: Incident[], firstPage: Incident[]): Incident[] {
  const fresh = new Set(firstPage.map((incident) => incident.id))
  const oldFirst = new Set(current.slice(0, firstPage.length).map((incident) => incident.id))
  const rest = current.filter((incident) => !fresh.has(incident.id) && !oldFirst.has(incident.id))
  return [...firstPage, ...rest]
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

export const useIncidentsStore = defineStore('incidents', () => {
  const filters = reactive<IncidentFilters>(emptyFilters())
  const items = ref<Incident[]>([])
  const counts = ref<Partial<Counts>>({})
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let live: AbortController | undefined
  let generation = 0

  const filtered = computed(() =>
    Object.entries(filters).some(([name, value]) => name !== 'sort' && value !== ''),
  )
  const hasMore = computed(() => nextCursor.value !== null)

  function query(extra: Query = {}): Query {
    const { opened_after, opened_before, ...rest } = filters
    return {
      ...rest,
      opened_after: isoOrEmpty(opened_after),
      opened_before: isoOrEmpty(opened_before),
      limit: PAGE_SIZE,
      ...extra,
    }
  }

  function report(caught: unknown): void {
    if (caught instanceof DOMException && caught.name === 'AbortError') return
    error.value = explain(caught)
  }

  // The first page, and the counts beside it: the rows show as soon as they come, the
  // counts (a heavier query) when they do. Answers to an older set of filters are dropped.
  async function refresh(merge: boolean): Promise<void> {
    const mine = ++generation
    const { status: _status, sort: _sort, ...countFilters } = query()
    const totals = api.counts({ ...countFilters, limit: undefined }).then((answer: Counts) => {
      if (mine === generation) counts.value = answer
    })
    const page: IncidentPage = await api.list(query())
    if (mine !== generation) return
    items.value = merge ? mergeFirstPage(items.value, page.items) : page.items
    if (!merge || !items.value.length || items.value.length <= PAGE_SIZE) {
      nextCursor.value = page.next_cursor ?? null
    }
    error.value = null
    await totals
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      await refresh(false)
    } catch (caught) {
      report(caught)
    } finally {
      loading.value = false
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loading.value) return
    loading.value = true
    try {
      const page = await api.list(query({ cursor: nextCursor.value }))
      items.value = [...items.value, ...page.items.filter((item) => !items.value.some((known) => known.id === item.id))]
      nextCursor.value = page.next_cursor ?? null
    } catch (caught) {
      report(caught)
    } finally {
      loading.value = false
    }
  }

  // Ask the server what changed; when something did, fetch the first page again (the
  // server applies the filters, so an acknowledged incident leaves an "open" list).
  async function watch(signal: AbortSignal): Promise<void> {
    let since: string | undefined
    let etag: string | undefined
    while (!signal.aborted) {
      const asked = Date.now()
      try {
        const answer = await api.changes(since, etag, since ? WAIT_SECONDS : 0, signal)
        etag = answer.etag ?? etag
        if (answer.data) {
          const first = since === undefined
          since = answer.data.cursor
          if (!first && answer.data.items.length) await refresh(true)
        }
        if (Date.now() - asked < RETRY_MS) await sleep(RETRY_MS, signal)
      } catch (caught) {
        report(caught)
        await sleep(ERROR_RETRY_MS, signal)
      }
    }
  }

  function startLive(): void {
    stopLive()
    live = new AbortController()
    void watch(live.signal)
  }

  function stopLive(): void {
    live?.abort()
    live = undefined
  }

  function replace(incident: Incident): void {
    items.value = items.value.map((item) => (item.id === incident.id ? { ...item, ...incident } : item))
  }

  // Bulk answers carry one result per id: the first refusal is reported.
  async function act(ids: number[], action: 'acknowledge' | 'resolve'): Promise<void> {
    let refused: { id: number; error: string } | undefined
    if (ids.length === 1) {
      replace(await api.act(ids[0], action))
    } else {
      const answer = await api.bulk(ids, action)
      refused = answer.results.find((result) => !result.ok) as typeof refused
    }
    await refresh(true)
    if (refused) throw new ApiError(409, `#${refused.id}: ${refused.error}`)
  }

  function reset(): void {
    Object.assign(filters, emptyFilters())
  }

  return {
    filters,
    items,
    counts,
    hasMore,
    loading,
    error,
    filtered,
    load,
    loadMore,
    startLive,
    stopLive,
    act,
    reset,
  }
})
