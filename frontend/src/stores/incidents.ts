import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'

import { ApiError, type Query } from '@/api/client'
import { incidents as api } from '@/api/endpoints'
import type { Incident, IncidentPage } from '@/api/types'

export const PAGE_SIZE = 50
// How often an open list asks for changes; an unchanged list costs a 304.
export const LIVE_INTERVAL_MS = 1000

export interface IncidentFilters {
  status: string
  severity: string
  source: string
  lane: string
  label: string
  q: string
  since: string
  until: string
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
    since: '',
    until: '',
    sort: '-opened_at',
  }
}

// A datetime-local field holds the user's wall-clock time; the server wants an instant.
export function isoOrEmpty(local: string): string {
  const date = new Date(local)
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : ''
}

// The newest page first, then what "load more" added, without the same incident twice.
export function mergeFirstPage(current: Incident[], firstPage: Incident[]): Incident[] {
  const fresh = new Set(firstPage.map((incident) => incident.id))
  const oldFirst = new Set(current.slice(0, firstPage.length).map((incident) => incident.id))
  const rest = current.filter((incident) => !fresh.has(incident.id) && !oldFirst.has(incident.id))
  return [...firstPage, ...rest]
}

export const useIncidentsStore = defineStore('incidents', () => {
  const filters = reactive<IncidentFilters>(emptyFilters())
  const items = ref<Incident[]>([])
  const counts = ref<Record<string, number>>({})
  const nextCursor = ref<string | null>(null)
  const hasMore = ref(false)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const lastUpdated = ref<Date | null>(null)
  let etag: string | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  let controller: AbortController | undefined

  const filtered = computed(() =>
    Object.entries(filters).some(([name, value]) => name !== 'sort' && value !== ''),
  )

  function query(extra: Query = {}): Query {
    const { since, until, ...rest } = filters
    return { ...rest, since: isoOrEmpty(since), until: isoOrEmpty(until), limit: PAGE_SIZE, ...extra }
  }

  function accept(page: IncidentPage, append: boolean): void {
    items.value = append ? [...items.value, ...page.items] : page.items
    counts.value = page.counts ?? counts.value
    nextCursor.value = page.next_cursor ?? null
    hasMore.value = page.next_cursor ? true : page.items.length === PAGE_SIZE
    lastUpdated.value = new Date()
    error.value = null
  }

  async function fetchPage(extra: Query, useEtag: boolean) {
    controller?.abort()
    controller = new AbortController()
    return api.list(query(extra), useEtag ? etag : undefined, controller.signal)
  }

  function explain(caught: unknown): void {
    if (caught instanceof DOMException && caught.name === 'AbortError') return
    error.value = caught instanceof ApiError ? caught.explanation : String(caught)
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      const answer = await fetchPage({}, false)
      etag = answer.etag ?? undefined
      if (answer.data) accept(answer.data, false)
    } catch (caught) {
      explain(caught)
    } finally {
      loading.value = false
    }
  }

  async function loadMore(): Promise<void> {
    if (!hasMore.value || loading.value) return
    loading.value = true
    try {
      const extra = nextCursor.value ? { cursor: nextCursor.value } : { offset: items.value.length }
      const answer = await fetchPage(extra, false)
      if (answer.data) accept(answer.data, true)
    } catch (caught) {
      explain(caught)
    } finally {
      loading.value = false
    }
  }

  // The first page again, asked with its ETag: new and changed incidents slot in place.
  async function poll(): Promise<void> {
    if (loading.value) return
    try {
      const answer = await fetchPage({}, true)
      lastUpdated.value = new Date()
      if (!answer.data) return
      etag = answer.etag ?? undefined
      items.value = mergeFirstPage(items.value, answer.data.items)
      counts.value = answer.data.counts ?? counts.value
      error.value = null
    } catch (caught) {
      explain(caught)
    }
  }

  function startLive(): void {
    stopLive()
    timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void poll()
    }, LIVE_INTERVAL_MS)
  }

  function stopLive(): void {
    clearInterval(timer)
    timer = undefined
  }

  function replace(incident: Incident): void {
    items.value = items.value.map((item) => (item.id === incident.id ? { ...item, ...incident } : item))
  }

  async function act(ids: number[], action: 'acknowledge' | 'resolve'): Promise<void> {
    if (ids.length === 1) {
      replace(await api.act(ids[0], action))
    } else {
      await api.bulk(ids, action)
    }
    etag = undefined
    await poll()
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
    lastUpdated,
    filtered,
    load,
    loadMore,
    poll,
    startLive,
    stopLive,
    act,
    reset,
  }
})
