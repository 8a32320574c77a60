// Every route the console calls, one function each, grouped by the resource's owner.
// tests/console/test_api_contract.py reads the quoted paths below and fails when the
// server's OpenAPI schema no longer has one of them with that method.
import { call, get, patch, post, remove, type Query } from './client'
import type {
  AuditPage,
  BulkAnswer,
  Channel,
  ChannelInput,
  Changes,
  CheckResult,
  CheckRunPage,
  Counts,
  CreatedKey,
  Driver,
  DryRun,
  FindingPage,
  IncidentDetail,
  IncidentPage,
  Incident,
  KeyPage,
  ApiKey,
  Lane,
  LaneInput,
  LanePage,
  Overview,
  Paged,
  Queue,
  RepositoryPage,
  RunPage,
  TraceText,
  ChannelPage,
  RunDetail,
  TimelinePage,
  TelegramCode,
  TelegramLink,
  Token,
  Triage,
  User,
  UserPage,
} from './types'

export const auth = {
  signIn: (username: string, password: string) =>
    post<Token>('/auth/token/', { username, password }),
  refresh: () => post<Token>('/auth/token/refresh/'),
  signOut: () => post<null>('/auth/logout/'),
}

export const overview = {
  get: () => get<Overview>('/orchestration/overview/'),
}

export const incidents = {
  list: (query: Query, signal?: AbortSignal) =>
    get<IncidentPage>('/alerts/incidents/', query, signal),
  counts: (query: Query, signal?: AbortSignal) =>
    get<Counts>('/alerts/incidents/counts/', query, signal),
  // Long polling: 304 while nothing changed (the ETag says what was seen).
  changes: (since: string | undefined, etag: string | undefined, wait: number, signal?: AbortSignal) =>
    call<Changes>('GET', '/alerts/incidents/changes/', { query: { since, wait }, etag, signal }),
  get: (id: number) => get<IncidentDetail>(`/alerts/incidents/${id}/`),
  timeline: (id: number) =>
    get<TimelinePage>(`/orchestration/incidents/${id}/timeline/`, { limit: 500 }),
  // Spelled out, so the contract test can read each route.
  act: (id: number, action: 'acknowledge' | 'resolve' | 'close', note = '') => {
    const body = note ? { note } : undefined
    if (action === 'acknowledge') return post<Incident>(`/alerts/incidents/${id}/acknowledge/`, body)
    if (action === 'resolve') return post<Incident>(`/alerts/incidents/${id}/resolve/`, body)
    return post<Incident>(`/alerts/incidents/${id}/close/`, body)
  },
  comment: (id: number, text: string) => post<unknown>(`/alerts/incidents/${id}/comments/`, { text }),
  assign: (id: number, assignee: string) =>
    post<Incident>(`/alerts/incidents/${id}/assign/`, { assignee }),
  rerun: (id: number) => post<unknown>('/orchestration/pipeline/', { incident_id: id }),
  bulk: (ids: number[], action: 'acknowledge' | 'resolve') =>
    post<BulkAnswer>('/alerts/incidents/bulk/', { ids, action }),
}

export const runs = {
  list: (query: Query) => get<RunPage>('/orchestration/pipelines/', query),
  get: (runId: string) => get<RunDetail>(`/orchestration/pipeline/${runId}/`),
  traceText: (runId: string) => get<TraceText>(`/orchestration/trace/${runId}/text/`),
  resume: (runId: string) => post<unknown>(`/orchestration/pipeline/${runId}/resume/`),
  queue: () => get<Queue>('/orchestration/queue/'),
}

export const health = {
  latest: () => get<CheckRunPage>('/api/checkers/latest/'),
  runSuite: () => post<CheckResult[]>('/api/checkers/run/', { checks: [], save: true }),
}

export const channels = {
  list: () => get<ChannelPage>('/notify/channels/', { limit: 500 }),
  drivers: () => get<Paged<Driver>>('/notify/drivers/', { limit: 500 }),
  driver: (slug: string) => get<Driver>(`/notify/drivers/${slug}/`),
  create: (body: ChannelInput) => post<Channel>('/notify/channels/', body),
  update: (id: number, body: Partial<ChannelInput>) => patch<Channel>(`/notify/channels/${id}/`, body),
  remove: (id: number) => remove(`/notify/channels/${id}/`),
  test: (id: number) => post<{ status?: string; error?: string }>(`/notify/channels/${id}/test/`),
}

export const lanes = {
  list: () => get<LanePage>('/orchestration/definitions/', { limit: 500 }),
  create: (body: LaneInput) => post<Lane>('/orchestration/definitions/', body),
  update: (name: string, body: LaneInput) => patch<Lane>(`/orchestration/definitions/${name}/`, body),
  remove: (name: string) => remove(`/orchestration/definitions/${name}/`),
  dryRun: (payload: Record<string, unknown>) =>
    post<DryRun>('/orchestration/definitions/dry-run/', { driver: 'generic', payload }),
}

export const secretscan = {
  repositories: () => get<RepositoryPage>('/api/secretscan/repositories/', { limit: 500 }),
  findings: (query: Query = {}) => get<FindingPage>('/api/secretscan/findings/', query),
  triage: (id: number, state: 'false_positive' | 'revoked' | 'fixed' | 'open') =>
    post<Triage>(`/api/secretscan/findings/${id}/triage/`, { state }),
}

export const bot = {
  link: () => get<TelegramLink>('/api/bot/link/'),
  createLinkCode: () => post<TelegramCode>('/api/bot/link-code/'),
}

export const admin = {
  keys: () => get<KeyPage>('/api/accounts/keys/', { limit: 500 }),
  createKey: (name: string, role: string, allowed_endpoints: string[]) =>
    post<CreatedKey>('/api/accounts/keys/', { name, role, allowed_endpoints }),
  revokeKey: (id: number) => post<ApiKey>(`/api/accounts/keys/${id}/revoke/`),
  users: () => get<UserPage>('/api/accounts/users/', { limit: 500 }),
  createUser: (body: { username: string; password: string; role: string; email?: string }) =>
    post<User>('/api/accounts/users/', body),
  updateUser: (id: number, body: { role?: string; is_active?: boolean }) =>
    patch<User>(`/api/accounts/users/${id}/`, body),
  audit: (query: Query = {}) => get<AuditPage>('/api/accounts/audit/', query),
}
