// PrimeVue Tag severities for Vigil's incident severities and statuses.
type TagSeverity = 'danger' | 'warn' | 'info' | 'success' | 'secondary' | 'contrast'

const SEVERITY: Record<string, TagSeverity> = {
  critical: 'danger',
  high: 'danger',
  error: 'danger',
  warning: 'warn',
  info: 'info',
  low: 'secondary',
}

const STATUS: Record<string, TagSeverity> = {
  open: 'danger',
  acknowledged: 'warn',
  resolved: 'success',
  closed: 'secondary',
  ok: 'success',
  warn: 'warn',
  warning: 'warn',
  critical: 'danger',
  error: 'danger',
  failed: 'danger',
  succeeded: 'success',
  sent: 'success',
  pending: 'info',
  running: 'info',
}

export function severityTag(value: string): TagSeverity {
  return SEVERITY[value] ?? 'secondary'
}

export function statusTag(value: string): TagSeverity {
  return STATUS[value] ?? 'secondary'
}

export const SEVERITIES = ['critical', 'high', 'warning', 'info', 'low']
export const STATUSES = ['open', 'acknowledged', 'resolved', 'closed']
