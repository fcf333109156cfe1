import type { Lang, Translate } from '../i18n'
import type { Slo } from '../slo'
import { budgetMinutes, budgetPercent, burnRate, MAIN_WINDOWS, targetPercent, uptimePercent } from '../slo'
import { SloAlertItem } from './SloAlertItem'

export interface SloAcks {
  canAck: boolean
  busy: number | null
  errors: Record<number, string>
  onAck: (id: number) => void
}

/** One check against its SLO: budget left, uptime by time against the target, burn rates and open burn alerts. */
export function SloCard(props: { slo: Slo; acks: SloAcks; zone: string; now: number; t: Translate; lang: Lang }) {
  const { slo, acks, zone, now, t, lang } = props
  const rates = slo.burnRates
  const all = rates.map((r) => `${r.window}: ${burnRate(r.rate)}`).join(' · ')
  const main = rates.filter((r) => MAIN_WINDOWS.includes(r.window))
  const paging = slo.alerts.some((a) => a.severity === 'page')
  const tone = !slo.met || paging ? 'slo-bad' : slo.alerts.length > 0 || slo.budgetLeftPercent < 25 ? 'slo-warn' : 'slo-ok'
  return (
    <article className={`slo-card ${tone}`} data-slo={slo.checkType} data-met={String(slo.met)}>
      <div className="slo-head">
        <strong>{slo.checkType}</strong>
        <span className={`badge ${slo.met ? 'slo-met' : 'slo-missed'}`} data-testid="slo-met">
          {slo.met ? t('sloMet') : t('sloMissed')}
        </span>
        {slo.alerts.map((a) => (
          <span key={a.id} className="slo-alert-mark" title={t(a.severity === 'page' ? 'sloAlertPage' : 'sloAlertTicket',
            { factor: burnRate(a.factor) })}>
            {a.severity === 'page' ? '🔥' : '🎫'}
          </span>
        ))}
      </div>
      <p className="slo-line" data-testid="slo-budget">
        {t('sloBudgetLeft')}:{' '}
        <strong>
          {budgetMinutes(slo.budgetLeftMinutes, lang)} ({budgetPercent(slo.budgetLeftPercent)})
        </strong>
        <span className="hint"> {t('sloBudgetOf', { minutes: budgetMinutes(slo.budgetMinutes, lang) })}</span>
      </p>
      <meter
        className="slo-meter" min={0} max={100} low={25} high={50} optimum={100}
        value={Math.max(0, Math.min(100, slo.budgetLeftPercent))} aria-label={t('sloBudgetLeft')}
      />
      <p className="slo-line" data-testid="slo-uptime">
        {t('sloUptime', { days: slo.windowDays })}: <strong>{uptimePercent(slo.uptime)}</strong>{' '}
        <span className="hint">{t('sloTarget', { target: targetPercent(slo.target) })}</span>
      </p>
      <p className="slo-line" data-testid="slo-burn" title={all}>
        {t('sloBurn')}: {main.map((r) => `${r.window} ${burnRate(r.rate)}`).join(' · ')}
      </p>
      <details className="slo-details">
        <summary>{t('sloDetails')}</summary>
        <dl className="slo-rates">
          {rates.map((r) => (
            <div key={r.window} data-window={r.window}>
              <dt>{r.window}</dt>
              <dd>{burnRate(r.rate)}</dd>
            </div>
          ))}
        </dl>
        <p className="hint">
          {t('sloMinutes', {
            good: slo.goodMinutes, bad: slo.badMinutes, excluded: slo.excludedMinutes, maintenance: slo.maintenanceMinutes,
          })}
        </p>
      </details>
      {slo.alerts.length > 0 ? (
        <ul className="slo-alerts">
          {slo.alerts.map((a) => (
            <SloAlertItem
              key={a.id} alert={a} canAck={acks.canAck} busy={acks.busy === a.id} error={acks.errors[a.id]}
              onAck={() => acks.onAck(a.id)} zone={zone} now={now} t={t} lang={lang}
            />
          ))}
        </ul>
      ) : null}
    </article>
  )
}
