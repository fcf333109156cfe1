import type { Key } from './i18n'
import type { StatusPageDto, StatusPageRequest } from './api.gen'

export type StatusPage = StatusPageDto

/** A page's address, as the Api checks it: 1..40 lower-case letters, digits and dashes, not starting with a dash. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/

export const MAX_TITLE = 80
export const MAX_MIN_INCIDENT_MINUTES = 1440

/** An address made from the account's name: `sales.amocrm.ru` → `sales-amocrm-ru`; `status` when nothing is left. */
export function suggestSlug(account: string): string {
  const slug = account
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  return slug || 'status'
}

export interface StatusPageForm {
  account: string
  slug: string
  title: string
  minIncidentMinutes: string
  indexing: boolean
}

export type StatusPageErrors = Partial<Record<'account' | 'slug' | 'title' | 'minutes', Key>>

/** The PUT body for the form, or what is wrong with it (the Api checks the same). */
export function statusPageBody(form: StatusPageForm): { body: StatusPageRequest | null; errors: StatusPageErrors } {
  const errors: StatusPageErrors = {}
  if (!form.account) errors.account = 'accountRequired'
  if (!SLUG.test(form.slug)) errors.slug = 'pageSlugInvalid'
  const title = form.title.trim()
  if (title.length > MAX_TITLE) errors.title = 'pageTitleTooLong'
  const minutes = Number(form.minIncidentMinutes)
  if (form.minIncidentMinutes.trim() === '' || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MIN_INCIDENT_MINUTES) {
    errors.minutes = 'pageMinIncidentRange'
  }
  if (Object.keys(errors).length > 0) return { body: null, errors }
  return { body: { account: form.account, title: title || null, minIncidentMinutes: minutes, indexing: form.indexing }, errors }
}
