import { describe, expect, it } from 'vitest'

import { absolute, duration, relative } from './time'

const NOW = new Date('2026-05-01T12:00:00Z')

describe('relative', () => {
  it('says how long ago, in words', () => {
    expect(relative('2026-05-01T11:55:00Z', NOW)).toMatch(/5 min/)
    expect(relative('2026-05-01T11:59:58Z', NOW)).toBe('just now')
    expect(relative('2026-04-29T12:00:00Z', NOW)).toMatch(/2 days ago/)
    expect(relative(null, NOW)).toBe('—')
    expect(relative('not a date', NOW)).toBe('—')
  })
})

describe('absolute', () => {
  it("shows the instant in the user's time zone, and names the zone", () => {
    const text = absolute('2026-05-01T12:00:00Z', 'Asia/Tokyo')
    expect(text).toMatch(/21:00:00|9:00:00/)
    expect(text).toMatch(/GMT\+9|JST/)
    expect(absolute(undefined)).toBe('—')
  })
})

describe('duration', () => {
  it('picks a unit people read at a glance', () => {
    expect(duration(42)).toBe('42 s')
    expect(duration(600)).toBe('10 min')
    expect(duration(5400)).toBe('1.5 h')
    expect(duration(null)).toBe('—')
  })
})
