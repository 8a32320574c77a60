// The shapes the pages read. Where the OpenAPI schema (openapi.json → schema.d.ts) types
// a response, the type comes from there; the rest mirror the server's presenters and are
// checked against the schema's paths by tests/console/test_api_contract.py.
import type { components } from './schema'

export type Schemas = components['schemas']
export type CheckRun = Schemas['CheckRunOut']
export type CheckResult = Schemas['ResultOut']
export type Checker = Schemas['CheckerOut']
// Fields with a server-side default may be left out of a request.
type Defaulted<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>
export type ChannelInput = Defaulted<Schemas['ChannelIn'], 'active' | 'min_interval_seconds'>

export type Severity = 'critical' | 'high' | 'warning' | 'info' | 'low' | string
export type IncidentStatus = 'open' | 'acknowledged' | 'resolved' | 'closed' | string

export type User = Schemas['UserOut']
export type Token = Schemas['TokenOut']

export interface Incident {
  id: number
  title: string
  status: IncidentStatus
  severity: Severity
  source: string
  environment: string
  flapping: boolean
  group_key: string
  opened_at: string
  updated_at: string
  acknowledged_at: string | null
  acknowledged_by: string
  resolved_at: string | null
  closed_at: string | null
  lane?: string | null
  assignee?: string | null
  labels?: Record<string, string>
}

export interface IncidentPage {
  items: Incident[]
  limit: number
  offset?: number
  count?: number
  next_cursor?: string | null
  counts?: Record<string, number>
}

export interface TimelineEntry {
  at: string
  event: string
  kind?: string
  by?: string
  alert_id?: number | null
  from_status?: string
  to_status?: string
  detail?: unknown
}

export interface IncidentDetail extends Incident {
  resolution_note: string
  snapshot: Record<string, unknown>
  timeline: TimelineEntry[]
}

export interface RunError {
  type: string
  message: string
  retryable: boolean
}

export interface Run {
  run_id: string
  trace_id: string
  status: string
  current_stage: string
  origin: string
  incident_id: number | null
  definition: string
  attempts: number
  claimed_by: string
  last_error: RunError | null
  created_at: string | null
  started_at: string | null
  finished_at: string | null
}

export interface Stage {
  stage: string
  attempt: number
  status: string
  reason: string
  error: RunError | null
  started_at: string | null
  finished_at: string | null
  duration_ms: number | null
  input?: unknown
  output?: unknown
}

export interface RunDetail extends Run {
  stages: Stage[]
  deliveries?: Delivery[]
}

export interface Delivery {
  channel: string
  driver: string
  status: string
  attempts: number
  error: string
  sent_at: string | null
}

export interface Channel {
  id: number
  name: string
  driver: string
  active: boolean
  config: Record<string, unknown>
  min_interval_seconds: number | null
  last_error: string
  last_error_at: string | null
  last_success_at: string | null
  consecutive_failures: number
}

export interface JsonSchema {
  type?: string | string[]
  title?: string
  description?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  default?: unknown
  enum?: unknown[]
  format?: string
  items?: JsonSchema
  anyOf?: JsonSchema[]
  writeOnly?: boolean
}

export interface Driver {
  slug: string
  label: string
  secret_fields: string[]
  min_interval_seconds: number
  schema?: JsonSchema
}

export interface LaneRule {
  field: string
  op: string
  value?: unknown
}

export interface Lane {
  name: string
  active: boolean
  priority: number
  match: LaneRule[]
  stages: string[]
  channels: string[]
  skip_if_condition: string
  description: string
}

export interface Overview {
  open_by_severity: Record<string, number>
  volume_24h: { at: string; count: number }[]
  volume_7d: { at: string; count: number }[]
  mtta_seconds: number | null
  mttr_seconds: number | null
  noisiest: { title: string; count: number; fingerprint?: string }[]
  channels_in_error: { id: number; name: string; last_error: string }[]
  queue_depth: number
}

export interface Finding {
  id: number
  repository: string
  path: string
  line: number | null
  rule: string
  commit?: string
  status: string
  found_at: string
}

export interface ApiKey {
  id: number
  name: string
  prefix: string
  created_at: string
  last_used_at: string | null
  active: boolean
  key?: string
}

export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  ip: string
  detail?: unknown
}

export interface Paged<T> {
  items: T[]
  count?: number
  limit?: number
  offset?: number
}
