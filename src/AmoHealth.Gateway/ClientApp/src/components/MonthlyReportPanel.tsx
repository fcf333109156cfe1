import { useState } from 'react'
import { query } from '../api'
import type { Lang, Translate } from '../i18n'
import { localParts } from '../teamTime'

/** "2026-11": the calendar month `months` before the one `now` falls in, in the team zone. */
export function teamMonth(now: number, zone: string, months = 0): string {
  const { year, month } = localParts(now, zone)
  const index = year * 12 + (month - 1) - months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** Where a month's report is: the printable page (in the dashboard's language) or the CSV download. */
export function reportHref(month: string, account: string, format: 'html' | 'csv', lang: Lang): string {
  return query('/api/reports/monthly', { month, account, format, lang: format === 'html' ? lang : undefined })
}

/**
 * The monthly report: a month (last month by default, in the team zone) and an account, linking to the Api's
 * printable page and CSV. The page says how uptime is counted; nothing is computed here.
 */
export function MonthlyReportPanel(props: { accounts: string[]; account: string; zone: string; now: number; t: Translate; lang: Lang }) {
  const { accounts, zone, now, t, lang } = props
  const [month, setMonth] = useState(() => teamMonth(now, zone, 1))
  // The dashboard's account until one is picked here ('' is all accounts).
  const [picked, setAccount] = useState<string | null>(null)
  const account = picked ?? props.account
  const latest = teamMonth(now, zone)
  const chosen = /^\d{4}-\d{2}$/.test(month) && month <= latest ? month : teamMonth(now, zone, 1)

  return (
    <section className="monthly-report" aria-labelledby="monthly-report-title">
      <div className="section-head">
        <h2 id="monthly-report-title">{t('monthlyReport')}</h2>
        <span className="hint">{t('monthlyReportHint', { zone })}</span>
      </div>
      <div className="monthly-report-form">
        <label className="field">
          {t('reportMonth')}
          <input type="month" value={month} max={latest} onChange={(e) => setMonth(e.target.value)} data-report="month" />
        </label>
        <label className="field">
          {t('account')}
          <select value={account} onChange={(e) => setAccount(e.target.value)} data-report="account">
            <option value="">{t('allAccounts')}</option>
            {accounts.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </label>
        <div className="monthly-report-links">
          <a className="action" href={reportHref(chosen, account, 'html', lang)} target="_blank" rel="noopener noreferrer" data-report="html">
            {t('reportOpen')}
          </a>
          <a className="action" href={reportHref(chosen, account, 'csv', lang)} download data-report="csv">
            {t('reportCsv')}
          </a>
        </div>
      </div>
    </section>
  )
}
