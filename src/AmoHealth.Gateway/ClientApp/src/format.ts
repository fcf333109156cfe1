import type { Lang } from './i18n'

export function duration(ms: number | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined) return '—'
  const s = Math.max(0, Math.round(ms / 1000))
  const units = lang === 'ru' ? { d: 'д', h: 'ч', m: 'мин', s: 'с' } : { d: 'd', h: 'h', m: 'min', s: 's' }
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  if (d > 0) return `${d} ${units.d} ${h} ${units.h}`
  if (h > 0) return `${h} ${units.h} ${m} ${units.m}`
  if (m > 0) return `${m} ${units.m} ${sec} ${units.s}`
  return `${sec} ${units.s}`
}

export function dateTime(ms: number | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined) return '—'
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(ms))
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const STEPS = [5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 5 * DAY, 7 * DAY]

/**
 * Tick positions for a time axis from `from` to `to`: at most `max` round local times (every 10 min, 4 h, a
 * day…), inside the range, so the axis spans the whole window and no two labels read the same.
 */
export function timeTicks(from: number, to: number, max = 6): number[] {
  const span = Math.max(1, to - from)
  const step = STEPS.find((s) => span / s <= max) ?? Math.ceil(span / max / DAY) * DAY
  const midnight = new Date(from)
  midnight.setHours(0, 0, 0, 0)
  const ticks: number[] = []
  if (step < DAY) {
    for (let t = midnight.getTime() + Math.ceil((from - midnight.getTime()) / step) * step; t <= to; t += step) ticks.push(t)
  } else {
    const day = new Date(midnight)
    const days = step / DAY
    while (day.getTime() < from) day.setDate(day.getDate() + 1)
    for (; day.getTime() <= to; day.setDate(day.getDate() + days)) ticks.push(day.getTime())
  }
  return ticks
}

/** A tick's label: the time of day within a day or two (the date at midnight), the date for longer spans. */
export function axisTime(ms: number, spanMs: number, lang: Lang): string {
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB'
  const date = new Date(ms)
  const atMidnight = date.getHours() === 0 && date.getMinutes() === 0
  if (spanMs > 2 * DAY || (atMidnight && spanMs > 2 * HOUR)) {
    return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(date)
  }
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date)
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  return `${value >= 99.995 ? '100' : value.toFixed(2)}%`
}

export function millis(value: number | null | undefined, unit: string): string {
  return value === null || value === undefined ? '—' : `${Math.round(value).toLocaleString('ru-RU')} ${unit}`
}
