// Times people read and type are in the team's zone (`/api/info.timeZone`, the Alerts:TimeZone the alerts use),
// not the browser's: the on-call person abroad and the alert in the chat must name the same 03:12.
import type { Lang } from './i18n'

export const DEFAULT_ZONE = 'Europe/Moscow'

export interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** 0 = Sunday .. 6, as .NET's DayOfWeek and the Api's `weekday`. */
  weekday: number
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const formats = new Map<string, Intl.DateTimeFormat>()

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', weekday: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    })
    formats.set(zone, format)
  }
  return format
}

export function localParts(ms: number, zone: string): LocalParts {
  const parts = Object.fromEntries(partsFormat(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]))
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  }
}

function offsetAt(ms: number, zone: string): number {
  const p = localParts(ms, zone)
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000
}

/** The instants whose wall-clock time in `zone` is `wall` (as if it were UTC): none in a gap, two in a repeat. */
function instants(wall: number, zone: string): number[] {
  const offsets = new Set([offsetAt(wall - 86_400_000, zone), offsetAt(wall, zone), offsetAt(wall + 86_400_000, zone)])
  return [...offsets].map((o) => wall - o).filter((t) => offsetAt(t, zone) === wall - t).sort((a, b) => a - b)
}

/**
 * A wall-clock time in `zone` ("2026-03-29", "10:00") as Unix ms, as the Api's MaintenanceSchedule reads it: a
 * time the clocks skip (02:30 on a spring-forward night) moves forward to the first minute that exists, a
 * repeated one (the autumn hour) is its first occurrence.
 */
export function zonedToUtc(date: string, time: string, zone: string): number {
  const [year, month, day] = date.split('-').map(Number)
  const [hour, minute] = time.split(':').map(Number)
  const wall = Date.UTC(year, month - 1, day, hour, minute)
  for (let shift = 0; shift <= 24 * 60; shift++) {
    const found = instants(wall + shift * 60_000, zone)
    if (found.length) return found[0]
  }
  return wall - offsetAt(wall, zone)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The local date `days` after `ms`'s date in `zone`, as "YYYY-MM-DD". */
export function localDate(ms: number, zone: string, days = 0): string {
  const p = localParts(ms, zone)
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days))
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** For a datetime-local input: "YYYY-MM-DDTHH:mm" in `zone`. */
export function localInput(ms: number, zone: string): string {
  const p = localParts(ms, zone)
  return `${localDate(ms, zone)}T${pad(p.hour)}:${pad(p.minute)}`
}

/** "03:12" today in the team's zone, "06.12 03:12" on another day. */
export function teamTime(ms: number, zone: string, lang: Lang, now = Date.now()): string {
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB'
  const sameDay = localDate(ms, zone) === localDate(now, zone)
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(sameDay ? {} : { day: '2-digit', month: '2-digit' }),
  }).format(new Date(ms))
}

/** Date and time with seconds in the team's zone (the incident log, the timeline). */
export function teamDateTime(ms: number | null | undefined, zone: string, lang: Lang): string {
  if (ms === null || ms === undefined) return '—'
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: zone, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).format(new Date(ms))
}
