import type { StageName } from '@/api/types'

// What the lane form knows of routing (vigil/orchestration/routing.py owns the truth;
// the server validates again and its message is shown when it refuses). The stages, in
// their order, are the API schema's (lanes.spec.ts compares them).
export const STAGES: readonly StageName[] = ['check', 'analyze', 'notify']
export const FIELDS = ['source', 'severity', 'status', 'flapping', 'environment', 'origin', 'label:']
export const OPS = ['is', 'is-not', 'in', 'not-in', 'exists']
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/

export interface RuleRow {
  field: string
  op: string
  value: string
}

export function rowFromRule(rule: { field: string; op: string; value?: unknown }): RuleRow {
  const value = Array.isArray(rule.value) ? rule.value.join(', ') : String(rule.value ?? '')
  return { field: rule.field, op: rule.op, value }
}

export function ruleFromRow(row: RuleRow): { field: string; op: string; value?: unknown } {
  if (row.op === 'exists') return { field: row.field, op: row.op }
  if (row.op === 'in' || row.op === 'not-in') {
    return {
      field: row.field,
      op: row.op,
      value: row.value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    }
  }
  return { field: row.field, op: row.op, value: row.value.trim() }
}

export function laneProblems(
  lane: { name: string; channels: string[]; rows: RuleRow[] },
  knownChannels: string[],
): string[] {
  const problems: string[] = []
  if (!NAME_PATTERN.test(lane.name.trim())) {
    problems.push('the name takes letters, digits, ".", "_" and "-", starting with a letter or digit')
  }
  for (const channel of lane.channels) {
    if (!knownChannels.includes(channel)) {
      problems.push(`no channel named '${channel}'; known: ${knownChannels.join(', ') || 'none yet'}`)
    }
  }
  lane.rows.forEach((row, index) => {
    const field = row.field.trim()
    if (!FIELDS.includes(field) && !(field.startsWith('label:') && field.length > 6)) {
      problems.push(`rule ${index + 1}: '${field}' is not a field; use ${FIELDS.join(', ')}<name>`)
    }
    if (row.op !== 'exists' && !row.value.trim()) problems.push(`rule ${index + 1}: give a value`)
  })
  return problems
}
