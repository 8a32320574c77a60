// Every route the console calls, one function each, grouped by the resource's owner.
// tests/console/test_api_contract.py reads the `'/…/'` paths below and fails when the
// server's OpenAPI schema no longer has one of them.
import { call, get, patch, post, remove, type Query } from './client'
import type {
  ApiKey,
  AuditEntry,
  Channel,
  ChannelInput,
  CheckResult,
  CheckRun,
  Driver,
  Finding,
  IncidentDetail,
  IncidentPage,
  Lane,
  Overview,
  Paged,
  Run,
  RunDetail,
  Token,
  User,
} from './types'

export const auth = {
  signIn: (username: string, password: string) =>
    post<Token>('/auth/token/', { username, password }),
  refresh: () => post<Token>('/auth/token/refresh/'),
  signOut: () => post<null>('/auth/logout/'),
}

export const overview = {
  get: () => get<Overview>('/api/overview/'),
}

export const incidents = {
  list: (query: Query, etag?: string, signal?: AbortSignal) =>
    call<IncidentPage>('GET', '/alerts/incidents/', { query, etag, signal }),
  get: (id: number) => get<IncidentDetail>(`/alerts/incidents/${id}/`),
  act: (id: number, action: 'acknowledge' | 'resolve' | 'close', note = '') =>
    post<IncidentDetail>(`/alerts/incidents/${id}/${action}/`, note ? { note } : undefined),
  comment: (id: number, text: string) =>
    post<unknown>(`/alerts/incidents/${id}/comments/`, { text }),
  assign: (id: number, assignee: string) =>
    post<unknown>(`/alerts/incidents/${id}/assign/`, { assignee }),
  rerun: (id: number) => post<unknown>(`/alerts/incidents/${id}/rerun/`),
  bulk: (ids: number[], action: 'acknowledge' | 'resolve') =>
    post<unknown>('/alerts/incidents/bulk/', { ids, action }),
}

export const runs = {
  list: (query: Query) => get<Paged<Run>>('/orchestration/pipelines/', query),
  get: (runId: string) => get<RunDetail>(`/orchestration/pipeline/${runId}/`),
  trace: (runId: string) => get<{ text: string }>(`/orchestration/pipeline/${runId}/trace/`),
  resume: (runId: string) => post<unknown>(`/orchestration/pipeline/${runId}/resume/`),
  queue: () => get<Record<string, unknown>>('/orchestration/queue/'),
}

export const health = {
  checkers: () => get<{ slug: string; summary: string }[]>('/api/checkers/'),
  latest: (query: Query = {}) => get<CheckRun[]>('/api/checkers/runs/', query),
  runSuite: () => post<CheckResult[]>('/api/checkers/run/', {}),
}

export const channels = {
  list: () => get<{ channels: Channel[] }>('/notify/channels/'),
  drivers: () => get<{ drivers: Driver[] }>('/notify/drivers/'),
  driver: (slug: string) => get<Driver>(`/notify/drivers/${slug}/`),
  create: (body: ChannelInput) => post<Channel>('/notify/channels/', body),
  update: (id: number, body: Partial<ChannelInput>) =>
    patch<Channel>(`/notify/channels/${id}/`, body),
  remove: (id: number) => remove(`/notify/channels/${id}/`),
  test: (id: number) => post<{ status: string; error?: string }>(`/notify/channels/${id}/test/`),
}

export const lanes = {
  list: () => get<{ items: Lane[] }>('/orchestration/definitions/'),
  create: (body: Lane) => post<Lane>('/orchestration/definitions/', body),
  update: (name: string, body: Partial<Lane>) =>
    patch<Lane>(`/orchestration/definitions/${name}/`, body),
  remove: (name: string) => remove(`/orchestration/definitions/${name}/`),
  dryRun: (alert: Record<string, unknown>) =>
    post<{ lane: string | null; reason?: string }>('/orchestration/definitions/dry-run/', alert),
}

export const secretscan = {
  findings: (query: Query = {}) => get<Paged<Finding>>('/api/secretscan/findings/', query),
  triage: (id: number, status: 'false_positive' | 'revoked' | 'fixed') =>
    post<Finding>(`/api/secretscan/findings/${id}/triage/`, { status }),
}

export const admin = {
  keys: () => get<Paged<ApiKey>>('/api/keys/'),
  createKey: (name: string) => post<ApiKey>('/api/keys/', { name }),
  revokeKey: (id: number) => post<ApiKey>(`/api/keys/${id}/revoke/`),
  users: () => get<Paged<User>>('/api/users/'),
  setRole: (id: number, role: string) => patch<User>(`/api/users/${id}/`, { role }),
  audit: (query: Query = {}) => get<Paged<AuditEntry>>('/api/audit/', query),
}
