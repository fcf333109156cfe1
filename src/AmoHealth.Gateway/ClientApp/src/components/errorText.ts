import type { CheckStatus } from '../api'
import type { Translate } from '../i18n'

/**
 * What went wrong, in the dashboard's language. The Prober's message (English, for logs and alerts) is
 * shown beside it as the detail; this is the summary a user reads first.
 */
export function errorText(status: CheckStatus, t: Translate): string {
  const message = status.errorMessage ?? ''
  switch (status.outcome) {
    case 'auth_failed':
      return t('errAuth')
    case 'throttled':
      return t('errThrottled')
    case 'blocked':
      return t('errBlocked')
    case 'billing':
      return t('errBilling')
    case 'degraded':
      return t('errSlow')
  }
  if (message.startsWith('AmoHealth')) return t('errOwn')
  if (message.startsWith('Timeout')) return t('errTimeout')
  if (message.startsWith('DNS')) return t('errDns')
  if (message.startsWith('Connect')) return t('errConnect')
  if (message.startsWith('TLS')) return t('errTls')
  if (message.startsWith('No webhook delivery')) return t('errNoDelivery')
  const http = /^HTTP (\d{3})/.exec(message)?.[1] ?? (status.httpStatus && status.httpStatus >= 400 ? String(status.httpStatus) : null)
  return http ? t('errHttp', { status: http }) : message
}
