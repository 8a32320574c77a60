// The shapes the pages read, from the server's OpenAPI schema (openapi.json →
// schema.d.ts, `npm run schema`). A driver's config schema is typed by hand below: the
// OpenAPI schema only says it is an object.
import type { components, operations } from './schema'

export type Schemas = components['schemas']

// Fields with a server-side default may be left out of a request.
type Defaulted<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>

export type User = Schemas['UserOut']
export type Token = Schemas['TokenOut']
export type Incident = Schemas['IncidentOut']
export type StageName = Schemas['LaneOut']['stages'][number]
export type IncidentPage = Schemas['IncidentPageOut']
export type IncidentDetail = Schemas['IncidentDetailOut']
export type Counts = Schemas['CountsOut']
export type Changes = Schemas['ChangesOut']
export type BulkAnswer = Schemas['BulkOut']
export type TimelineEntry = Schemas['TimelineEntryOut']
export type TimelinePage = Schemas['Page_TimelineEntryOut_']
export type Overview = Schemas['OverviewOut']
export type Queue = Schemas['QueueOut']
export type CheckRun = Schemas['CheckRunOut']
export type CheckRunPage = Schemas['Page_CheckRunOut_']
export type CheckResult = Schemas['ResultOut']
export type ChannelInput = Defaulted<Schemas['ChannelIn'], 'active' | 'min_interval_seconds'>
export type Lane = Schemas['LaneOut']
export type LaneInput = Schemas['LaneIn']
export type LaneRule = { field: string; op: string; value?: unknown }
export type LanePage = Schemas['Page_LaneOut_']
export type DryRun = Schemas['DryRunOut']
export type Finding = Schemas['FindingOut']
export type FindingPage = Schemas['Page_FindingOut_']
export type Repository = Schemas['RepositoryOut']
export type RepositoryPage = Schemas['Page_RepositoryOut_']
export type Triage = Schemas['TriageOut']
export type ApiKey = Schemas['KeyOut']
export type CreatedKey = Schemas['CreatedKeyOut']
export type TelegramCode = Schemas['TelegramCodeOut']
export type TelegramLink = Schemas['TelegramLinkOut']
export type KeyPage = Schemas['Page_KeyOut_']
export type UserPage = Schemas['Page_UserOut_']
export type AuditPage = Schemas['Page_AuditOut_']
export type AuditFilters = NonNullable<operations['vigil_accounts_people_api_audit']['parameters']['query']>
export type AuditKind = NonNullable<AuditFilters['event']>
export type Severity = string
export type IncidentStatus = string

export type Run = Schemas['RunListItemOut']
export type RunPage = Schemas['Page_RunListItemOut_']
export type RunDetail = Schemas['RunDetailOut']
export type Stage = Schemas['StageDetailOut']
export type TraceText = Schemas['TraceTextOut']
export type Channel = Schemas['ChannelOut']
export type ChannelPage = Schemas['Page_ChannelOut_']

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

export type Driver = Omit<Schemas['DriverOut'], 'schema'> & { schema?: JsonSchema | null }

export interface Paged<T> {
  items: T[]
  count?: number
  limit?: number
  offset?: number
}
