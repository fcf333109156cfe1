import type { ReactNode } from 'react'
import { isStale, type CheckStatus } from '../api'
import { OUTCOMES as GENERATED_OUTCOMES } from '../api.gen'
import type { Key, Lang, Translate } from '../i18n'
import { dateTime, duration, millis, percent } from '../format'
import { errorText } from './errorText'

export interface CardFigures {
  uptime24h: number | null
  uptime7d: number | null
  uptime30d: number | null
  p95: number | null
}

/** Outcomes, each with a translated name (the API's `outcome`, and an incident's `kind`). */
export const OUTCOMES: readonly string[] = GENERATED_OUTCOMES

export function tone(status: CheckStatus | undefined, stale = false): 'ok' | 'warn' | 'bad' | 'none' | 'stale' {
  if (!status) return 'none'
  if (stale) return 'stale'
  if (status.outcome === 'up') return 'ok'
  if (status.outcome === 'degraded' || status.outcome === 'throttled') return 'warn'
  return status.status === 'up' ? 'ok' : 'bad'
}

export function StatusCard(props: {
  checkType: string
  status: CheckStatus | undefined
  figures: CardFigures
  now: number
  intervalMs: number
  t: Translate
  lang: Lang
  /** Silences, maintenance, who took it, and the silence action. */
  onCall?: ReactNode
}) {
  const { checkType, status, figures, now, intervalMs, t, lang, onCall } = props
  const stale = isStale(status, now, intervalMs)
  const outcome = status && OUTCOMES.includes(status.outcome) ? (status.outcome as Key) : 'unknown'
  const delivery = checkType === 'HOOK' || checkType === 'DP'
  const kind = tone(status, stale)
  return (
    <article className={`card card-${kind}`} data-check={checkType} data-tone={kind} aria-labelledby={`card-${checkType}`}>
      <header className="card-head">
        <h3 id={`card-${checkType}`}>
          <span className="check-code">{checkType}</span> {t(`check${checkType}` as Key)}
        </h3>
        <p className="card-status" role="status">
          <span className={`dot dot-${kind}`} aria-hidden="true" />
          {stale && status ? t('staleSince', { time: dateTime(status.lastCheck, lang) }) : t(outcome)}
        </p>
      </header>
      <p className="card-time">
        <span className="label">{delivery ? t('deliveryTime') : t('responseTime')}</span>
        <strong>{millis(status?.responseTime, t('ms'))}</strong>
      </p>
      {status?.errorMessage && kind !== 'ok' && kind !== 'stale' ? (
        <p className="card-error" data-testid="card-error">
          {errorText(status, t)}
          {errorText(status, t) !== status.errorMessage ? (
            <span className="card-error-detail" lang="en">
              {status.errorMessage}
            </span>
          ) : null}
        </p>
      ) : null}
      <dl className="card-figures">
        <div>
          <dt>{t('uptime')} {t('range24h')} / {t('range7d')} / {t('range30d')}</dt>
          <dd>
            {percent(figures.uptime24h)} · {percent(figures.uptime7d)} · {percent(figures.uptime30d)}
          </dd>
        </div>
        <div>
          <dt>{t('p95')}</dt>
          <dd>{millis(figures.p95, t('ms'))}</dd>
        </div>
        <div>
          <dt>{t('lastCheck')}</dt>
          <dd>{status ? t('ago', { t: duration(now - status.lastCheck, lang) }) : t('never')}</dd>
        </div>
      </dl>
      {onCall}
    </article>
  )
}
