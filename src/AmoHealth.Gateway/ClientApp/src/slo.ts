import type { Lang } from './i18n'

// The Api's SLO types, generated from its OpenAPI document.
export type { SloDto as Slo, BurnAlertDto as BurnAlert, BurnRateDto as BurnRate } from './api.gen'

/** The burn rates shown on the card; the rest are in the details. */
export const MAIN_WINDOWS = ['1h', '6h']

/** Minutes of budget, one decimal, a real minus when overspent: "12.3 мин", "−5.6 min". */
export function budgetMinutes(value: number, lang: Lang): string {
  return `${signed(value, 1)} ${lang === 'ru' ? 'мин' : 'min'}`
}

export function budgetPercent(value: number): string {
  return `${signed(value, 1)}%`
}

/** Uptime by time (0..1) as a percent with three decimals, so 99.95 % reads apart from a 99.9 % target. */
export function uptimePercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  return `${format(value * 100, 3)}%`
}

/** A target (a percent, 99.9) as written in the settings. */
export function targetPercent(value: number): string {
  return `${format(value, 3, 0)}%`
}

/** A burn rate: "0.42×", "16.7×", "200×". */
export function burnRate(value: number): string {
  return `${format(value, value < 10 ? 2 : value < 100 ? 1 : 0, 0)}×`
}

function signed(value: number, digits: number): string {
  const text = format(Math.abs(value), digits)
  return value < 0 && Number(text) !== 0 ? `−${text}` : text
}

/** Fixed digits as the stats table writes them (a point in both languages); `minimum` trims trailing zeros. */
function format(value: number, digits: number, minimum = digits): string {
  const text = value.toFixed(digits)
  if (minimum >= digits || !text.includes('.')) return text
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '')
  const [, fraction = ''] = trimmed.split('.')
  return fraction.length >= minimum ? trimmed : value.toFixed(minimum)
}
