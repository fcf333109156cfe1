import { useEffect, useState } from 'react'
import { getJson, send } from '../api'
import type { Key, Lang, Translate } from '../i18n'
import { TIMELINE_KINDS, type IncidentDetail, type OnCallIncident, type Role } from '../onCallTypes'
import { allows } from '../roles'
import { teamDateTime } from '../teamTime'
import { timelineText } from '../timelineText'
import { actionError } from './actionError'
import { AckCell } from './AckCell'
import { Dialog } from './Dialog'
import { IncidentDetails } from './IncidentDetails'
import { NoteForm } from './NoteForm'

/** One incident's story: what opened it, who took it, escalations, notes, reminders, silences, the close. */
export function IncidentTimeline(props: {
  id: number
  role: Role
  zone: string
  now: number
  t: Translate
  lang: Lang
  onClose: () => void
  onChanged: (incident: OnCallIncident) => void
}) {
  const { id, role, zone, now, t, lang, onClose, onChanged } = props
  const [detail, setDetail] = useState<IncidentDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [ackError, setAckError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [version, setVersion] = useState(0)

  useEffect(() => {
    const controller = new AbortController()
    getJson<IncidentDetail>(`/api/incidents/${id}`, controller.signal)
      .then((d) => {
        setDetail(d)
        setError(null)
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(actionError(reason, t))
      })
    return () => controller.abort()
  }, [id, version, t])

  const ack = async () => {
    setBusy(true)
    setAckError(undefined)
    try {
      const incident = await send<OnCallIncident>('POST', `/api/incidents/${id}/ack`)
      if (incident) onChanged(incident)
      setVersion((v) => v + 1)
    } catch (reason) {
      setAckError(actionError(reason, t))
    } finally {
      setBusy(false)
    }
  }

  const incident = detail?.incident
  return (
    <Dialog title={t('timelineTitle', { id, check: incident?.checkType ?? '' })} closeLabel={t('close')} onClose={onClose} testId="timeline">
      {error ? (
        <p className="action-error" role="alert">
          {error}
        </p>
      ) : null}
      {!detail && !error ? <p className="hint">{t('loading')}</p> : null}
      {incident ? (
        <>
          <p className="timeline-summary">
            <IncidentDetails incident={incident} t={t} />
          </p>
          <p className="timeline-ack">
            <AckCell
              incident={incident} canAck={allows(role, 'operator')} busy={busy} error={ackError}
              onAck={() => void ack()} zone={zone} now={now} t={t} lang={lang}
            />
          </p>
          {detail.timeline.length === 0 ? <p className="hint">{t('timelineEmpty')}</p> : null}
          <ol className="timeline">
            {detail.timeline.map((entry) => {
              const text = timelineText(entry, incident, t, lang)
              return (
              <li key={entry.id} data-kind={entry.kind}>
                <time dateTime={new Date(entry.at).toISOString()}>{teamDateTime(entry.at, zone, lang)}</time>
                <strong>{(TIMELINE_KINDS as readonly string[]).includes(entry.kind) ? t(`tl_${entry.kind}` as Key) : entry.kind}</strong>
                {entry.actor ? <span className="actor">{entry.actor}</span> : null}
                {entry.kind === 'note' ? (
                  <span className="badge">{entry.isPublic ? t('notePublicBadge') : t('noteInternal')}</span>
                ) : null}
                {text ? (
                  <p className="timeline-text" title={entry.text ?? undefined}>
                    {text}
                  </p>
                ) : null}
              </li>
              )
            })}
          </ol>
          {allows(role, 'operator') ? (
            <NoteForm
              incidentId={id} t={t}
              onAdded={(entry) => setDetail((d) => (d ? { ...d, timeline: [...d.timeline, entry] } : d))}
            />
          ) : null}
        </>
      ) : null}
    </Dialog>
  )
}
