import type { CheckStatus, FailureKind } from '../api'
import { OUTCOMES } from '../api.gen'
import type { OnCallIncident } from '../onCallTypes'
import type { Key, Translate } from '../i18n'

/**
 * Each failure kind's summary. Typed over the generated kinds: a kind the Api adds fails the build until it
 * has a text here (and both languages have the key).
 */
export const KIND_TEXT: Record<FailureKind, Key> = {
  none: 'errNone',
  slow: 'errSlow',
  timeout: 'errTimeout',
  dns: 'errDns',
  connect: 'errConnect',
  tls: 'errTls',
  protocol: 'errProtocol',
  http_status: 'errHttp',
  wrong_answer: 'errWrongAnswer',
  no_delivery: 'errNoDelivery',
  token_rejected: 'errAuth',
  token_unavailable: 'errTokenUnavailable',
  throttled: 'errThrottled',
  blocked: 'errBlocked',
  billing: 'errBilling',
  offline: 'errOffline',
  receiver_unreachable: 'errReceiver',
  configuration: 'errConfiguration',
  monitor_error: 'errOwn',
}

/**
 * What went wrong, in the dashboard's language, from the result's `failureKind`. The Prober's message
 * (English, for logs and alerts) is shown beside it as the detail; nothing is decided by reading it.
 */
export function errorText(status: CheckStatus, t: Translate): string {
  const key = status.failureKind ? KIND_TEXT[status.failureKind] : undefined
  if (!key) return status.errorMessage ?? ''
  if (key === 'errHttp') return status.httpStatus ? t('errHttp', { status: status.httpStatus }) : t('errHttpOther')
  return t(key)
}

/**
 * An incident's summary in the page's language: the failure kind's text when the Api sends it, else the outcome's
 * name (`kind`); the Prober's `details` stay a secondary line.
 */
export function incidentText(incident: OnCallIncident, t: Translate): string {
  const key = incident.failureKind ? KIND_TEXT[incident.failureKind] : undefined
  if (key) return key === 'errHttp' ? t('errHttpOther') : t(key)
  return OUTCOMES.includes(incident.kind) ? t(incident.kind as Key) : incident.kind
}
