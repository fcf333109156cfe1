import { describe, expect, it } from 'vitest'
import { localDate, localParts, teamTime, zonedToUtc } from './teamTime'

describe('team time', () => {
  it('turns a wall-clock time in the team zone into Unix ms, on both sides of a DST change', () => {
    // Berlin: CET (+1) until 02:00 on 2026-03-29, CEST (+2) after.
    expect(zonedToUtc('2026-03-28', '10:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 9, 0))
    expect(zonedToUtc('2026-03-29', '10:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 8, 0))
    expect(zonedToUtc('2026-03-29', '01:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 0, 30))
    // Back to CET on 2026-10-25.
    expect(zonedToUtc('2026-10-25', '12:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 11, 0))
    expect(zonedToUtc('2026-12-07', '03:12', 'Europe/Moscow')).toBe(Date.UTC(2026, 11, 7, 0, 12))
    expect(zonedToUtc('2026-03-08', '09:00', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 13, 0))
  })

  it('reads a skipped time as the first minute after the gap and a repeated one as its first occurrence', () => {
    // As the Api's MaintenanceSchedule: 02:30 does not exist on 2026-03-29 in Berlin, 03:00 CEST does.
    expect(zonedToUtc('2026-03-29', '02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 0))
    expect(localParts(zonedToUtc('2026-03-29', '02:30', 'Europe/Berlin'), 'Europe/Berlin').hour).toBe(3)
    // 02:30 happens twice on 2026-10-25: first in CEST (+2).
    expect(zonedToUtc('2026-10-25', '02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30))
  })

  it('reads the date and time in the team zone, not the browser zone', () => {
    const late = Date.UTC(2026, 11, 6, 22, 30) // 01:30 on the 7th in Moscow
    expect(localDate(late, 'Europe/Moscow')).toBe('2026-12-07')
    expect(localDate(late, 'Europe/Moscow', 1)).toBe('2026-12-08')
    expect(localParts(late, 'Europe/Moscow').weekday).toBe(1)
    expect(teamTime(late, 'Europe/Moscow', 'ru', late)).toBe('01:30')
    expect(teamTime(late, 'Europe/Moscow', 'ru', late + 86_400_000)).toBe('07.12, 01:30')
  })
})
