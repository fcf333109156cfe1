import { useState } from 'react'
import { CHECKS, send } from '../api'
import type { Key, Lang, Translate } from '../i18n'
import { duration } from '../format'
import type { OnCallIncident, Role } from '../onCallTypes'
import { allows } from '../roles'
import { teamDateTime } from '../teamTime'
import { actionError } from './actionError'
import { AckCell } from './AckCell'
import { IncidentDetails } from './IncidentDetails'
import { OUTCOMES } from './StatusCard'

export const PAGE_SIZE = 10

export function IncidentsTable(props: {
  incidents: OnCallIncident[]
  checkFilter: string
  onCheckFilter: (value: string) => void
  page: number
  onPage: (page: number) => void
  exportHref: string
  now: number
  t: Translate
  lang: Lang
  role: Role
  zone: string
  /** After a successful ack: the incident as the Api answered. */
  onAcknowledged: (incident: OnCallIncident) => void
  onOpen: (id: number) => void
}) {
  const { incidents, checkFilter, onCheckFilter, page, onPage, exportHref, now, t, lang, role, zone, onAcknowledged, onOpen } = props
  const [busy, setBusy] = useState<number | null>(null)
  const [errors, setErrors] = useState<Record<number, string>>({})

  const ack = async (id: number) => {
    setBusy(id)
    setErrors(({ [id]: _, ...rest }) => rest)
    try {
      const incident = await send<OnCallIncident>('POST', `/api/incidents/${id}/ack`)
      if (incident) onAcknowledged(incident)
    } catch (reason) {
      setErrors((previous) => ({ ...previous, [id]: actionError(reason, t) }))
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="incidents" aria-labelledby="incidents-title">
      <div className="section-head">
        <h2 id="incidents-title">{t('incidents')}</h2>
        <label>
          {t('check')}{' '}
          <select value={checkFilter} onChange={(e) => onCheckFilter(e.target.value)} data-testid="incident-check">
            <option value="">{t('all')}</option>
            {CHECKS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <a className="button" href={exportHref} download>
          {t('export')}
        </a>
      </div>
      {incidents.length === 0 ? (
        <p className="hint">{t('noIncidents')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table incidents-table">
            <thead>
              <tr>
                <th scope="col">{t('check')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('start')}</th>
                <th scope="col">{t('end')}</th>
                <th scope="col">{t('duration')}</th>
                <th scope="col">{t('onCall')}</th>
                <th scope="col">{t('details')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('timeline')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((incident) => (
                <tr key={incident.id} data-incident={incident.id} data-open={incident.endTime === null} onClick={() => onOpen(incident.id)}>
                  <th scope="row" className="nowrap">{incident.checkType}</th>
                  <td className="nowrap">{OUTCOMES.includes(incident.kind) ? t(incident.kind as Key) : incident.kind}</td>
                  <td className="nowrap">{teamDateTime(incident.startTime, zone, lang)}</td>
                  <td className="nowrap">
                    {incident.endTime === null ? <span className="badge-open">{t('open')}</span> : teamDateTime(incident.endTime, zone, lang)}
                  </td>
                  <td className="nowrap">{duration(incident.duration ?? now - incident.startTime, lang)}</td>
                  <td className="on-call">
                    <AckCell
                      incident={incident} canAck={allows(role, 'operator')} busy={busy === incident.id} error={errors[incident.id]}
                      onAck={() => void ack(incident.id)} zone={zone} now={now} t={t} lang={lang}
                    />
                  </td>
                  <td className="details">
                    <IncidentDetails incident={incident} t={t} />
                  </td>
                  <td>
                    <button
                      type="button" data-open-timeline={incident.id}
                      onClick={(e) => {
                        e.stopPropagation()
                        onOpen(incident.id)
                      }}
                    >
                      {t('timeline')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t('incidents')}>
        <button type="button" onClick={() => onPage(page - 1)} disabled={page === 0}>
          {t('previous')}
        </button>
        <span>{t('page', { n: page + 1 })}</span>
        <button type="button" onClick={() => onPage(page + 1)} disabled={incidents.length < PAGE_SIZE}>
          {t('next')}
        </button>
      </nav>
    </section>
  )
}
