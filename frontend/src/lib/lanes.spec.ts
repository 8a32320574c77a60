import { describe, expect, it } from 'vitest'

import openapi from '../api/openapi.json'
import { STAGES, laneProblems, ruleFromRow, rowFromRule } from './lanes'

describe('laneProblems', () => {
  it('refuses a channel that does not exist, naming the ones that do', () => {
    const problems = laneProblems({ name: 'db', channels: ['slak-ops'], rows: [] }, ['slack-ops', 'pager'])

    expect(problems).toEqual(["no channel named 'slak-ops'; known: slack-ops, pager"])
  })

  it('refuses a rule on a field routing does not know, and a rule with no value', () => {
    const rows = [
      { field: 'severty', op: 'is', value: 'critical' },
      { field: 'label:team', op: 'is', value: '' },
      { field: 'label:team', op: 'exists', value: '' },
    ]

    const problems = laneProblems({ name: 'db', channels: [], rows }, [])

    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/rule 1: 'severty' is not a field/)
    expect(problems[1]).toBe('rule 2: give a value')
  })
})

describe('rules', () => {
  it('round-trip between the form and the API', () => {
    const rule = { field: 'severity', op: 'in', value: ['critical', 'high'] }

    expect(ruleFromRow(rowFromRule(rule))).toEqual(rule)
    expect(ruleFromRow({ field: 'label:team', op: 'exists', value: 'ignored' })).toEqual({ field: 'label:team', op: 'exists' })
  })
})

describe('STAGES', () => {
  it('are the stages the API schema names, in their order', () => {
    const stages = openapi.components.schemas.LaneIn.properties.stages

    expect([...STAGES]).toEqual(stages.items.enum)
  })
})
