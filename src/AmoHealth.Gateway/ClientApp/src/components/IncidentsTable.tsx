import type { Incident } from '../api'
import { CHECKS } from '../api'
import type { Key, Lang, Translate } from '../i18n'
import { dateTime, duration } from '../format'
import { OUTCOMES } from './StatusCard'

export const PAGE_SIZE = 10

export function IncidentsTable(props: {
  incidents: Incident[]
  checkFilter: string
  onCheckFilter: (value: string) => void
  page: number
  onPage: (page: number) => void
  exportHref: string
  now: number
  t: Translate
  lang: Lang
}) {
  const { incidents, checkFilter, onCheckFilter, page, onPage, exportHref, now, t, lang } = props
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
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('check')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('start')}</th>
                <th scope="col">{t('end')}</th>
                <th scope="col">{t('duration')}</th>
                <th scope="col">{t('details')}</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((incident) => (
                <tr key={incident.id} data-incident={incident.id} data-open={incident.endTime === null}>
                  <th scope="row">{incident.checkType}</th>
                  <td>{OUTCOMES.includes(incident.kind) ? t(incident.kind as Key) : incident.kind}</td>
                  <td>{dateTime(incident.startTime, lang)}</td>
                  <td>{incident.endTime === null ? <span className="badge-open">{t('open')}</span> : dateTime(incident.endTime, lang)}</td>
                  <td>{duration(incident.duration ?? now - incident.startTime, lang)}</td>
                  <td className="details">{incident.details ?? ''}</td>
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
