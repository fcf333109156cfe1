import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  CHECKS,
  getJson,
  key,
  query,
  type CheckStats,
  type CheckStatus,
  type HistoryPoint,
  type Incident,
  type Info,
  type Me,
  type StatusUpdate,
} from './api'
import { translator, type Key } from './i18n'
import { dateTime } from './format'
import { useLang, useRange, useTheme, RANGE_HOURS, type Range } from './usePrefs'
import { useStream, type StreamState } from './useStream'
import { StatusCard, type CardFigures } from './components/StatusCard'
import { ResponseChart } from './components/ResponseChart'
import { Phases } from './components/Phases'
import { StatsTable } from './components/StatsTable'
import { IncidentsTable, PAGE_SIZE } from './components/IncidentsTable'

const RETRY_MS = 5_000
const LIVE_REFRESH_MS = 5_000
const CARD_REFRESH_MS = 60_000
const TOKEN_WARNING_DAYS = 14

type CardWindows = Record<24 | 168 | 720, CheckStats[]>

function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

export function App() {
  const [lang, setLang] = useLang()
  const [theme, setTheme] = useTheme()
  const [range, setRange] = useRange()
  const t = useMemo(() => translator(lang), [lang])
  const now = useNow()

  const [info, setInfo] = useState<Info | null>(null)
  const [me, setMe] = useState<Me | null>(null)
  const [statuses, setStatuses] = useState<Record<string, CheckStatus>>({})
  const [loaded, setLoaded] = useState(false)
  const [apiError, setApiError] = useState<string | null>(null)
  const [account, setAccount] = useState<string>('')
  const [history, setHistory] = useState<{ points: HistoryPoint[]; from: number; to: number }>({ points: [], from: 0, to: 1 })
  const [rangeStats, setRangeStats] = useState<CheckStats[]>([])
  const [cardStats, setCardStats] = useState<CardWindows>({ 24: [], 168: [], 720: [] })
  const [incidents, setIncidents] = useState<Incident[]>([])
  const [page, setPage] = useState(0)
  const [checkFilter, setCheckFilter] = useState('')
  const [selected, setSelected] = useState<HistoryPoint | null>(null)
  // Bumped to read again: `all` after a reconnect, `live` shortly after live updates, `incidents` on incident events.
  const [tokens, setTokens] = useState({ all: 0, live: 0, incidents: 0 })
  const liveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])

  const fail = useCallback((error: unknown) => {
    if (error instanceof DOMException && error.name === 'AbortError') return
    setApiError(error instanceof Error ? error.message : String(error))
  }, [])

  // Status and deployment facts; retried every few seconds while the API is unreachable.
  useEffect(() => {
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = async () => {
      try {
        const [facts, rows] = await Promise.all([
          getJson<Info>('/api/info', controller.signal),
          getJson<CheckStatus[]>('/api/status', controller.signal),
        ])
        setInfo(facts)
        setStatuses(Object.fromEntries(rows.map((row) => [key(row.account, row.checkType), row])))
        setLoaded(true)
        setApiError(null)
      } catch (error) {
        fail(error)
        if (!controller.signal.aborted) timer = setTimeout(load, RETRY_MS)
      }
    }
    void load()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [tokens.all, fail])

  useEffect(() => {
    getJson<Me>('/auth/me').then(setMe).catch(() => setMe(null))
  }, [])

  const accounts = useMemo(
    () => [...new Set(Object.values(statuses).map((s) => s.account))].sort((a, b) => a.localeCompare(b)),
    [statuses],
  )
  const current = accounts.includes(account) ? account : (accounts[0] ?? '')

  // Chart and the range's summary.
  useEffect(() => {
    if (!current) return
    const controller = new AbortController()
    const hours = RANGE_HOURS[range]
    const to = Date.now()
    const from = to - hours * 3_600_000
    Promise.all([
      getJson<HistoryPoint[]>(query('/api/history', { from, to, account: current }), controller.signal),
      getJson<CheckStats[]>(query('/api/stats', { from, to, account: current }), controller.signal),
    ])
      .then(([points, stats]) => {
        setHistory({ points, from, to })
        setRangeStats(stats)
      })
      .catch(fail)
    return () => controller.abort()
  }, [current, range, tokens.all, tokens.live, tokens.incidents, fail])

  // The cards' uptime over 24 h, 7 d and 30 d, refreshed every minute.
  useEffect(() => {
    if (!current) return
    const controller = new AbortController()
    const load = () =>
      Promise.all(
        ([24, 168, 720] as const).map((hours) =>
          getJson<CheckStats[]>(query('/api/stats', { hours, account: current }), controller.signal),
        ),
      )
        .then(([day, week, month]) => setCardStats({ 24: day, 168: week, 720: month }))
        .catch(fail)
    void load()
    const timer = setInterval(load, CARD_REFRESH_MS)
    return () => {
      controller.abort()
      clearInterval(timer)
    }
  }, [current, tokens.all, tokens.incidents, fail])

  // Incident log: open first, filtered, paged.
  useEffect(() => {
    if (!current) return
    const controller = new AbortController()
    getJson<Incident[]>(
      query('/api/incidents', { limit: PAGE_SIZE, offset: page * PAGE_SIZE, account: current, checkType: checkFilter }),
      controller.signal,
    )
      .then(setIncidents)
      .catch(fail)
    return () => controller.abort()
  }, [current, page, checkFilter, tokens.all, tokens.incidents, fail])

  const stream = useStream({
    onStatus: (update: StatusUpdate) => {
      setStatuses((previous) => {
        const id = key(update.account, update.checkType)
        const before = previous[id]
        return {
          ...previous,
          // What the update does not carry (HTTP status, token expiry, the account's notice) stays as last read.
          [id]: {
            ...(before ?? { httpStatus: null, tokenExpiresAt: null, tokenDaysLeft: null }),
            account: update.account,
            checkType: update.checkType,
            status: update.data.status,
            outcome: update.data.outcome ?? update.data.status,
            responseTime: update.data.responseTime,
            lastCheck: update.data.lastCheck,
            errorMessage: update.data.errorMessage,
          },
        }
      })
      setLoaded(true)
      // The chart and summary follow the account on screen; another account's results do not reload them.
      if (update.account === current && liveTimer.current === undefined) {
        liveTimer.current = setTimeout(() => {
          liveTimer.current = undefined
          setTokens((x) => ({ ...x, live: x.live + 1 }))
        }, LIVE_REFRESH_MS)
      }
    },
    onIncident: () => setTokens((x) => ({ ...x, incidents: x.incidents + 1 })),
    onReconnected: () => setTokens((x) => ({ ...x, all: x.all + 1 })),
  })
  useEffect(() => () => clearTimeout(liveTimer.current), [])

  const figures = (check: string): CardFigures => {
    const of = (rows: CheckStats[]) => rows.find((r) => r.checkType === check)
    return {
      uptime24h: of(cardStats[24])?.uptime ?? null,
      uptime7d: of(cardStats[168])?.uptime ?? null,
      uptime30d: of(cardStats[720])?.uptime ?? null,
      p95: of(cardStats[24])?.p95 ?? null,
    }
  }
  const notice = Object.values(statuses).find((s) => s.account === current && s.notice)
  const token = Object.values(statuses).find(
    (s) => s.account === current && s.tokenDaysLeft !== null && s.tokenDaysLeft <= TOKEN_WARNING_DAYS,
  )
  const onSelect = useCallback((point: HistoryPoint) => setSelected(point), [])

  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <h1>{t('title')}</h1>
          <span className="subtitle">{t('subtitle')}</span>
        </div>
        <ConnectionBadge state={stream} now={now} t={t} />
        <div className="controls">
          {accounts.length > 1 ? (
            <label>
              {t('account')}{' '}
              <select value={current} onChange={(e) => setAccount(e.target.value)} data-testid="account">
                {accounts.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            {t('language')}{' '}
            <select value={lang} onChange={(e) => setLang(e.target.value as 'ru' | 'en')} data-testid="lang">
              <option value="ru">Русский</option>
              <option value="en">English</option>
            </select>
          </label>
          <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-pressed={theme === 'dark'} data-testid="theme">
            {t('theme')}: {theme === 'dark' ? t('themeDark') : t('themeLight')}
          </button>
          {me?.user && me.mode === 'login' ? (
            <form method="post" action="/auth/logout" className="logout">
              <span>{me.user}</span> <button type="submit">{t('signOut')}</button>
            </form>
          ) : null}
        </div>
      </header>

      {info?.demo ? <p className="banner banner-info" data-testid="demo-banner">{t('demo')}</p> : null}
      {apiError ? (
        <p className="banner banner-bad" role="alert" data-testid="api-error">
          {t('apiDown', { error: apiError })}
        </p>
      ) : null}
      {token ? (
        <p className="banner banner-warn" role="alert" data-testid="token-banner">
          {(token.tokenDaysLeft ?? 0) < 0
            ? t('tokenExpired', { account: token.account, date: dateTime(token.tokenExpiresAt, lang) })
            : t('tokenSoon', { account: token.account, days: token.tokenDaysLeft ?? 0, date: dateTime(token.tokenExpiresAt, lang) })}
        </p>
      ) : null}

      {notice ? (
        <p className="banner banner-info" data-testid="notice-banner">
          {t('notice', { account: notice.account, text: notice.notice ?? '' })}
        </p>
      ) : null}
      {(info?.channels ?? []).filter((c) => c.state !== 'ok').map((c) => (
        <p key={c.name} className="banner banner-warn" role="alert" data-testid="channel-banner">
          {c.state === 'misconfigured'
            ? t('channelMisconfigured', { name: c.name, error: c.error ?? '' })
            : t('channelFailing', { name: c.name, since: dateTime(c.since, lang), error: c.error ?? '' })}
        </p>
      ))}

      <main>
        {loaded && accounts.length === 0 ? <p className="hint" data-testid="no-data">{t('noData')}</p> : null}
        <section className="cards" aria-label={t('uptime')}>
          {CHECKS.map((check) => (
            <StatusCard
              key={check}
              checkType={check}
              status={statuses[key(current, check)]}
              figures={figures(check)}
              now={now}
              intervalMs={info?.checkIntervalMs ?? 30_000}
              t={t}
              lang={lang}
            />
          ))}
        </section>

        <section className="charts" aria-labelledby="charts-title">
          <div className="section-head">
            <h2 id="charts-title">{t('chartTitle')}</h2>
            <div className="range" role="group" aria-label={t('range')}>
              {(['1h', '24h', '7d', '30d'] as Range[]).map((r) => (
                <button
                  key={r}
                  type="button"
                  aria-pressed={range === r}
                  data-range={r}
                  onClick={() => {
                    setRange(r)
                    setSelected(null)
                  }}
                >
                  {t(`range${r}` as Key)}
                </button>
              ))}
            </div>
          </div>
          <div className="chart-grid">
            {CHECKS.map((check) => (
              <ResponseChart
                key={check}
                checkType={check}
                title={`${check} · ${t(`check${check}` as Key)}`}
                points={history.points.filter((p) => p.checkType === check)}
                from={history.from}
                to={history.to}
                dark={theme === 'dark'}
                t={t}
                lang={lang}
                onSelect={onSelect}
              />
            ))}
          </div>
          <Phases point={selected} t={t} lang={lang} />
        </section>

        <section className="stats">
          <StatsTable stats={rangeStats} t={t} lang={lang} />
        </section>

        <IncidentsTable
          incidents={incidents}
          checkFilter={checkFilter}
          onCheckFilter={(value) => {
            setCheckFilter(value)
            setPage(0)
          }}
          page={page}
          onPage={setPage}
          exportHref={query('/api/incidents', { format: 'csv', limit: 1000, account: current, checkType: checkFilter })}
          now={now}
          t={t}
          lang={lang}
        />
      </main>
    </div>
  )
}

function ConnectionBadge(props: { state: StreamState; now: number; t: (k: Key, v?: Record<string, string | number>) => string }) {
  const { state, now, t } = props
  const text =
    state.kind === 'live'
      ? t('live')
      : state.kind === 'connecting'
        ? t('connecting')
        : t('reconnecting', { s: Math.max(0, Math.ceil((state.retryAt - now) / 1000)) })
  return (
    <p className={`connection connection-${state.kind}`} role="status" aria-live="polite" data-testid="connection" data-state={state.kind}>
      <span className="dot" aria-hidden="true" />
      {text}
    </p>
  )
}
