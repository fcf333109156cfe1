import type { MaintenanceWindow, NewMaintenance } from './onCallTypes'
import { localDate, localParts, zonedToUtc } from './teamTime'

/** When the window covering `now` ends, or null when none does (a weekly one is walked in its own zone). */
export function coveringEnd(window: MaintenanceWindow, now: number): number | null {
  if (window.kind === 'once') {
    return window.startsAt !== null && window.endsAt !== null && window.startsAt <= now && now < window.endsAt ? window.endsAt : null
  }
  if (window.next && window.next.startsAt <= now && now < window.next.endsAt) return window.next.endsAt
  if (window.weekday === null || !window.startTime || !window.durationMinutes) return null
  // A weekly window lasts at most a day, so it covers now only if it started today or in the last 7 days.
  for (let back = 0; back <= 7; back++) {
    const date = localDate(now, window.timeZone, -back)
    const start = zonedToUtc(date, window.startTime, window.timeZone)
    if (localParts(start, window.timeZone).weekday !== window.weekday) continue
    const end = start + window.durationMinutes * 60_000
    if (start <= now && now < end) return end
  }
  return null
}

/** Applies to the account: its own windows and those for all accounts. */
export const appliesTo = (window: MaintenanceWindow, account: string) => window.account === null || window.account === account

export interface MaintenanceForm {
  account: string
  kind: 'once' | 'weekly'
  /** datetime-local values, "YYYY-MM-DDTHH:mm", read in the team's zone. */
  start: string
  end: string
  weekday: number
  startTime: string
  durationMinutes: string
  reason: string
}

export type MaintenanceErrors = Partial<Record<'times' | 'duration' | 'reason', 'timesRequired' | 'endAfterStart' | 'durationRange' | 'reasonRequired'>>

/** The request body for the form, or what is wrong with it. One-off times typed in the team zone become Unix ms. */
export function maintenanceBody(form: MaintenanceForm, zone: string): { body?: NewMaintenance; errors: MaintenanceErrors } {
  const errors: MaintenanceErrors = {}
  const reason = form.reason.trim()
  if (!reason || reason.length > 500) errors.reason = 'reasonRequired'
  const account = form.account || null
  if (form.kind === 'once') {
    if (!form.start || !form.end) {
      errors.times = 'timesRequired'
      return { errors }
    }
    const startsAt = zonedToUtc(...(form.start.split('T') as [string, string]), zone)
    const endsAt = zonedToUtc(...(form.end.split('T') as [string, string]), zone)
    if (!(endsAt > startsAt)) errors.times = 'endAfterStart'
    return Object.keys(errors).length ? { errors } : { body: { account, kind: 'once', startsAt, endsAt, reason }, errors }
  }
  const durationMinutes = Number(form.durationMinutes)
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > 1440) errors.duration = 'durationRange'
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(form.startTime)) errors.times = 'timesRequired'
  return Object.keys(errors).length
    ? { errors }
    : { body: { account, kind: 'weekly', weekday: form.weekday, startTime: form.startTime, durationMinutes, reason }, errors }
}
