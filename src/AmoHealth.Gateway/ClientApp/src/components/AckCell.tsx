import type { Lang, Translate } from '../i18n'
import type { OnCallIncident } from '../onCallTypes'
import { teamTime } from '../teamTime'

/** Who has an incident: "taken by anna since 03:12", or the button to take it (operators and admins). */
export function AckCell(props: {
  incident: OnCallIncident
  canAck: boolean
  busy: boolean
  error: string | undefined
  onAck: () => void
  zone: string
  now: number
  t: Translate
  lang: Lang
}) {
  const { incident, canAck, busy, error, onAck, zone, now, t, lang } = props
  const open = incident.endTime === null
  let content = null
  if (incident.acknowledgedBy) {
    content = open ? (
      <span className="taken" data-testid="taken">
        {incident.acknowledgedAt
          ? t('takenBy', { user: incident.acknowledgedBy, time: teamTime(incident.acknowledgedAt, zone, lang, now) })
          : t('takenShort', { user: incident.acknowledgedBy })}
      </span>
    ) : (
      <span className="hint">{t('handledBy', { user: incident.acknowledgedBy })}</span>
    )
  } else if (open && canAck) {
    content = (
      <button
        type="button" className="action" data-action="ack" disabled={busy}
        onClick={(e) => {
          e.stopPropagation()
          onAck()
        }}
      >
        {t('takeIt')}
      </button>
    )
  }
  return (
    <>
      {content}
      {error ? (
        <span className="action-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  )
}
