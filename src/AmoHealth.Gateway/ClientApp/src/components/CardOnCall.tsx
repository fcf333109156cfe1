import { useState } from 'react'
import { send } from '../api'
import type { Lang, Translate } from '../i18n'
import { appliesTo, coveringEnd } from '../maintenance'
import type { MaintenanceWindow, OnCallIncident, Role, Silence } from '../onCallTypes'
import { allows } from '../roles'
import { teamTime } from '../teamTime'
import { actionError } from './actionError'

export const activeSilence = (s: Silence, now: number) => s.startsAt <= now && now < s.endsAt

/** A card's quiet state and who is on it: silences, maintenance, the person who took its open incident. */
export function CardOnCall(props: {
  account: string
  checkType: string
  silences: Silence[]
  maintenance: MaintenanceWindow[]
  incidents: OnCallIncident[]
  role: Role
  zone: string
  now: number
  t: Translate
  lang: Lang
  onSilence: () => void
  onChanged: () => void
}) {
  const { account, checkType, silences, maintenance, incidents, role, zone, now, t, lang, onSilence, onChanged } = props
  const [error, setError] = useState<string | null>(null)
  const operator = allows(role, 'operator')
  const at = (ms: number) => teamTime(ms, zone, lang, now)
  const quiet = silences.filter((s) => s.account === account && (s.checkType === null || s.checkType === checkType) && activeSilence(s, now))
  const windows = maintenance
    .filter((w) => appliesTo(w, account))
    .map((w) => ({ w, end: coveringEnd(w, now) }))
    .filter((x): x is { w: MaintenanceWindow; end: number } => x.end !== null)
  const taken = incidents.find((i) => i.account === account && i.checkType === checkType && i.endTime === null && i.acknowledgedBy)

  const end = async (id: number) => {
    setError(null)
    try {
      await send('DELETE', `/api/silences/${id}`)
      onChanged()
    } catch (reason) {
      setError(actionError(reason, t))
    }
  }

  return (
    <div className="card-oncall">
      {quiet.map((s) => (
        <p className="quiet" key={s.id} data-silence={s.id}>
          <span>{t('silencedUntil', { time: at(s.endsAt), reason: s.reason })}</span>
          {operator ? (
            <button type="button" className="action small" data-action="end-silence" onClick={() => void end(s.id)}>
              {t('endSilence')}
            </button>
          ) : null}
        </p>
      ))}
      {windows.map(({ w, end: until }, i) => (
        <p className="quiet" key={`m${w.id}-${i}`} data-testid="card-maintenance">
          {t('maintenanceUntil', { time: at(until), reason: w.reason })}
        </p>
      ))}
      {taken ? <p className="taken" data-testid="card-taken">{t('takenShort', { user: taken.acknowledgedBy! })}</p> : null}
      {error ? <p className="action-error" role="alert">{error}</p> : null}
      {operator ? (
        <button type="button" className="action small" data-action="silence" onClick={onSilence}>
          {t('silence')}
        </button>
      ) : null}
    </div>
  )
}
