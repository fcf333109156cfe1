import { useCallback, useEffect, useMemo, useState } from 'react'
import { getJson, query, type Me, type StatusUpdate } from './api'
import { translator } from './i18n'
import { useLang, useRange, useTheme } from './usePrefs'
import { useStream } from './useStream'
import { useNow } from './hooks/useNow'
import { useStatuses } from './hooks/useStatuses'
import { useHistory } from './hooks/useHistory'
import { useStats } from './hooks/useStats'
import { useIncidents } from './hooks/useIncidents'
import { Header } from './components/Header'
import { Banners } from './components/Banners'
import { Cards } from './components/Cards'
import { Charts } from './components/Charts'
import { StatsTable } from './components/StatsTable'
import { IncidentsTable } from './components/IncidentsTable'
import { IncidentTimeline } from './components/IncidentTimeline'
import { MaintenancePanel } from './components/MaintenancePanel'
import { SloPanel } from './components/SloPanel'
import { StatusPagesPanel } from './components/StatusPagesPanel'
import { MonthlyReportPanel } from './components/MonthlyReportPanel'
import { useOnCall } from './hooks/useOnCall'
import type { InfoWithZone, OnCallIncident } from './onCallTypes'
import { roleOf } from './roles'
import { DEFAULT_ZONE } from './teamTime'

/**
 * The dashboard. Data lives in hooks (statuses, history, stats, incidents); the stream feeds them: a status
 * update changes its card and, in the 1 h range, appends a chart point; an incident event reads the incident
 * log and the figures again; a reconnect reads everything again.
 */
export function App() {
  const [lang, setLang] = useLang()
  const [theme, setTheme] = useTheme()
  const [range, setRange] = useRange()
  const t = useMemo(() => translator(lang), [lang])
  const now = useNow()
  const [me, setMe] = useState<Me | null>(null)
  const [account, setAccount] = useState('')
  // Bumped to read again: `all` after a reconnect, `incidents` on incident events.
  const [reload, setReload] = useState({ all: 0, incidents: 0 })

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  useEffect(() => {
    getJson<Me>('/auth/me').then(setMe).catch(() => setMe(null))
  }, [])

  const { info, statuses, loaded, error, apply, fail } = useStatuses(reload.all)
  const accounts = useMemo(
    () => [...new Set(Object.values(statuses).map((s) => s.account))].sort((a, b) => a.localeCompare(b)),
    [statuses],
  )
  const current = accounts.includes(account) ? account : (accounts[0] ?? '')
  const figuresReload = reload.all + reload.incidents
  const { history, append } = useHistory(current, range, figuresReload, fail)
  const { rangeStats, cardStats } = useStats(current, range, figuresReload, fail)
  const log = useIncidents(current, figuresReload, fail)
  const onCall = useOnCall(current, figuresReload, fail)
  const role = roleOf(me)
  const zone = (info as InfoWithZone | null)?.timeZone || DEFAULT_ZONE
  const [timeline, setTimeline] = useState<number | null>(null)
  const { patch: patchIncident } = log
  const { refresh: refreshOnCall } = onCall
  const changed = useCallback(
    (incident: OnCallIncident) => {
      patchIncident(incident)
      refreshOnCall()
    },
    [patchIncident, refreshOnCall],
  )

  const onStatus = useCallback(
    (update: StatusUpdate) => {
      apply(update)
      append(update)
    },
    [apply, append],
  )
  const stream = useStream({
    onStatus,
    onIncident: () => setReload((x) => ({ ...x, incidents: x.incidents + 1 })),
    onReconnected: () => setReload((x) => ({ ...x, all: x.all + 1 })),
  })
  const mine = Object.values(statuses).filter((s) => s.account === current)

  return (
    <div className="app">
      <Header
        t={t} stream={stream} now={now} accounts={accounts} account={current} onAccount={setAccount}
        lang={lang} onLang={setLang} theme={theme} onTheme={setTheme} me={me}
      />
      <Banners info={info} error={error} statuses={mine} t={t} lang={lang} />
      <main>
        {loaded && accounts.length === 0 ? <p className="hint" data-testid="no-data">{t('noData')}</p> : null}
        <Cards
          account={current} statuses={statuses} cardStats={cardStats} intervalMs={info?.checkIntervalMs ?? 30_000}
          onCall={onCall} role={role} zone={zone} now={now} t={t} lang={lang}
        />
        <Charts history={history} range={range} onRange={setRange} dark={theme === 'dark'} t={t} lang={lang} />
        <section className="stats">
          <StatsTable stats={rangeStats} t={t} lang={lang} />
        </section>
        <SloPanel account={current} reload={figuresReload} fail={fail} role={role} zone={zone} now={now} t={t} lang={lang} />
        <IncidentsTable
          incidents={log.incidents} checkFilter={log.checkFilter} onCheckFilter={log.filter} page={log.page} onPage={log.setPage}
          exportHref={query('/api/incidents', { format: 'csv', limit: 1000, account: current, checkType: log.checkFilter })}
          now={now} t={t} lang={lang} role={role} zone={zone} onAcknowledged={changed} onOpen={setTimeline}
        />
        <MaintenancePanel
          windows={onCall.maintenance} accounts={accounts} role={role} zone={zone} now={now} t={t} lang={lang}
          onChanged={refreshOnCall}
        />
        <StatusPagesPanel accounts={accounts} role={role} t={t} />
        <MonthlyReportPanel accounts={accounts} account={current} zone={zone} now={now} t={t} lang={lang} />
      </main>
      {timeline !== null ? (
        <IncidentTimeline
          id={timeline} role={role} zone={zone} now={now} t={t} lang={lang} onClose={() => setTimeline(null)} onChanged={changed}
        />
      ) : null}
    </div>
  )
}
