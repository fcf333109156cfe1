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

export function axisTime(ms: number, spanMs: number, lang: Lang): string {
  const options: Intl.DateTimeFormatOptions =
    spanMs > 2 * 86_400_000 ? { day: '2-digit', month: '2-digit' } : { hour: '2-digit', minute: '2-digit' }
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', options).format(new Date(ms))
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  return `${value >= 99.995 ? '100' : value.toFixed(2)}%`
}

export function millis(value: number | null | undefined, unit: string): string {
  return value === null || value === undefined ? '—' : `${Math.round(value).toLocaleString('ru-RU')} ${unit}`
}
