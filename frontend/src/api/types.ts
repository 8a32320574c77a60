// The shapes the pages read, from the server's OpenAPI schema (openapi.json →
// schema.d.ts, `npm run schema`). Only the run routes, which the schema leaves untyped,
// are described here by hand, after vigil/orchestration/presenters.py.
import type { components } from './schema'

export type Schemas = components['schemas']

// Fields with a server-side default may be left out of a request.
type Defaulted<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>

export type User = Schemas['UserOut']
export type Token = Schemas['TokenOut']
export type Incident = Schemas['IncidentOut']
export type IncidentPage = Schemas['IncidentPageOut']
export type IncidentDetail = Schemas['IncidentDetailOut']
export type Counts = Schemas['CountsOut']
export type Changes = Schemas['ChangesOut']
export type BulkAnswer = Schemas['BulkOut']
export type TimelineEntry = Schemas['TimelineEntryOut']
export type TimelinePage = Schemas['TimelinePageOut']
export type Overview = Schemas['OverviewOut']
export type Queue = Schemas['QueueOut']
export type CheckRun = Schemas['CheckRunOut']
export type CheckRunPage = Schemas['CheckRunPageOut']
export type CheckResult = Schemas['ResultOut']
export type ChannelInput = Defaulted<Schemas['ChannelIn'], 'active' | 'min_interval_seconds'>
export type Lane = Schemas['LaneOut']
export type LaneInput = Schemas['LaneIn']
export type LaneRule = { field: string; op: string; value?: unknown }
export type LanePage = Schemas['LanePageOut']
export type DryRun = Schemas['DryRunOut']
export type Finding = Schemas['FindingOut']
export type FindingPage = Schemas['FindingPageOut']
export type Repository = Schemas['RepositoryOut']
export type RepositoryPage = Schemas['RepositoryPageOut']
export type Triage = Schemas['TriageOut']
export type ApiKey = Schemas['KeyOut']
export type CreatedKey = Schemas['CreatedKeyOut']
export type KeyPage = Schemas['KeyPageOut']
export type UserPage = Schemas['UserPageOut']
export type AuditPage = Schemas['AuditPageOut']
export type Severity = string
export type IncidentStatus = string

export interface RunError {
  type: string
  message: string
  retryable: boolean
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
  stages?: Stage[]
}

export interface RunDetail extends Run {
  stages: Stage[]
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
  secret?: boolean
}

export interface Driver {
  slug: string
  label: string
  secret_fields: string[]
  min_interval_seconds: number
  schema?: JsonSchema
}

export interface Paged<T> {
  items: T[]
  count?: number
  limit?: number
  offset?: number
}
