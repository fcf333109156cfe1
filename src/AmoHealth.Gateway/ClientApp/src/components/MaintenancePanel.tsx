import { useState } from 'react'
import { send } from '../api'
import type { Lang, Translate } from '../i18n'
import type { MaintenanceWindow, Role } from '../onCallTypes'
import { allows } from '../roles'
import { teamTime } from '../teamTime'
import { actionError } from './actionError'
import { MaintenanceDialog, weekdayName } from './MaintenanceDialog'

/** Maintenance windows, from the page and from configuration, ahead of time; admins add and delete page ones. */
export function MaintenancePanel(props: {
  windows: MaintenanceWindow[]
  accounts: string[]
  role: Role
  zone: string
  now: number
  t: Translate
  lang: Lang
  onChanged: () => void
}) {
  const { windows, accounts, role, zone, now, t, lang, onChanged } = props
  const [adding, setAdding] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const admin = allows(role, 'admin')
  const at = (ms: number) => teamTime(ms, zone, lang, now)

  const remove = async (id: number) => {
    setError(null)
    try {
      await send('DELETE', `/api/maintenance/${id}`)
      onChanged()
    } catch (reason) {
      setError(actionError(reason, t))
    }
  }

  return (
    <section className="maintenance" aria-labelledby="maintenance-title">
      <div className="section-head">
        <h2 id="maintenance-title">{t('maintenance')}</h2>
        <span className="hint">{t('maintenanceZone', { zone })}</span>
        {admin ? (
          <button type="button" className="action" data-action="maintenance-add" onClick={() => setAdding(true)}>
            {t('addWindow')}
          </button>
        ) : null}
      </div>
      {error ? <p className="action-error" role="alert">{error}</p> : null}
      {windows.length === 0 ? <p className="hint">{t('maintenanceNone')}</p> : null}
      <ul className="maintenance-list">
        {windows.map((w, i) => (
          <li key={`${w.source}-${w.id}-${i}`} data-maintenance={w.id} data-active={w.active}>
            <strong>{w.account ?? t('allAccounts')}</strong>{' '}
            <span>
              {w.kind === 'once' && w.startsAt !== null && w.endsAt !== null
                ? `${t('once')}: ${at(w.startsAt)} – ${at(w.endsAt)}`
                : `${t('weekly')}: ${t('weeklyAt', { weekday: weekdayName(w.weekday ?? 0, lang), time: w.startTime ?? '', minutes: w.durationMinutes ?? 0 })}`}
            </span>
            {w.reason ? <span className="reason"> · {w.reason}</span> : null}
            {w.active ? <span className="badge badge-active">{t('activeNow')}</span> : null}
            {w.next && !w.active ? <span className="hint"> · {t('nextOccurrence', { from: at(w.next.startsAt), to: at(w.next.endsAt) })}</span> : null}
            {w.source === 'config' ? <span className="badge">{t('fromConfig')}</span> : null}
            {admin && w.source === 'page' ? (
              <button type="button" className="action" data-action="maintenance-delete" onClick={() => void remove(w.id)}>
                {t('remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {adding ? (
        <MaintenanceDialog accounts={accounts} zone={zone} now={now} t={t} lang={lang} onClose={() => setAdding(false)} onCreated={onChanged} />
      ) : null}
    </section>
  )
}
