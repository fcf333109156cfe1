import type { Lang, Translate } from '../i18n'
import type { BurnAlert } from '../slo'
import { burnRate } from '../slo'
import { teamTime } from '../teamTime'

/** One open burn alert: 🔥 a page, 🎫 a ticket; who took it, or the button to take it (operators and admins). */
export function SloAlertItem(props: {
  alert: BurnAlert
  canAck: boolean
  busy: boolean
  error: string | undefined
  onAck: () => void
  zone: string
  now: number
  t: Translate
  lang: Lang
}) {
  const { alert, canAck, busy, error, onAck, zone, now, t, lang } = props
  const page = alert.severity === 'page'
  return (
    <li data-alert={alert.id} data-severity={alert.severity}>
      <span className="slo-alert-mark" aria-hidden="true">
        {page ? '🔥' : '🎫'}
      </span>
      <span>
        {t(page ? 'sloAlertPage' : 'sloAlertTicket', { factor: burnRate(alert.factor) })}
        <span className="hint"> · {t('sloSince', { time: teamTime(alert.openedAt, zone, lang, now) })}</span>
      </span>
      {alert.acknowledgedBy ? (
        <span className="taken" data-testid="slo-taken">
          {t('takenShort', { user: alert.acknowledgedBy })}
        </span>
      ) : canAck ? (
        <button type="button" className="action small" data-action="slo-ack" disabled={busy} onClick={onAck}>
          {t('sloAck')}
        </button>
      ) : null}
      {error ? (
        <span className="action-error" role="alert">
          {error}
        </span>
      ) : null}
    </li>
  )
}
