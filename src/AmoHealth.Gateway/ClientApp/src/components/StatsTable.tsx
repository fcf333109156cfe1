import type { CheckStats } from '../api'
import { CHECKS } from '../api'
import type { Lang, Translate } from '../i18n'
import { duration, millis, percent } from '../format'

export function StatsTable(props: { stats: CheckStats[]; t: Translate; lang: Lang }) {
  const { stats, t, lang } = props
  // The Api says whether its uptime leaves maintenance windows out; say it where the figures are.
  const flags = stats.map((s) => s.uptimeExcludesMaintenance).filter((f) => f !== undefined && f !== null)
  const maintenanceNote = flags.length === 0 ? null : flags.every(Boolean) ? t('uptimeExcludesMaintenance') : t('uptimeIncludesMaintenance')
  return (
    <>
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('stats')}>
    <table className="table stats-table">
      <caption>{t('stats')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('check')}</th>
          <th scope="col">{t('uptimeByCount')}</th>
          <th scope="col">{t('uptimeByTime')}</th>
          <th scope="col">p95</th>
          <th scope="col">{t('incidentsCount')}</th>
          <th scope="col">{t('mttr')}</th>
        </tr>
      </thead>
      <tbody>
        {CHECKS.map((check) => {
          const row = stats.find((s) => s.checkType === check)
          return (
            <tr key={check} data-stats={check}>
              <th scope="row">{check}</th>
              <td>{percent(row?.uptime)}</td>
              <td>{percent(row?.uptimeByTime)}</td>
              <td>{millis(row?.p95, t('ms'))}</td>
              <td>{row?.incidents ?? 0}</td>
              <td>{row?.mttr ? duration(row.mttr, lang) : '—'}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
    </div>
    {maintenanceNote ? (
      <p className="hint" data-testid="uptime-maintenance">
        {maintenanceNote}
      </p>
    ) : null}
    </>
  )
}
