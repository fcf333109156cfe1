import type { HistoryPoint } from '../api'
import type { Lang, Translate } from '../i18n'
import { dateTime, millis } from '../format'

export function Phases(props: { point: HistoryPoint | null; t: Translate; lang: Lang }) {
  const { point, t, lang } = props
  if (!point) return <p className="hint">{t('phasesHint')}</p>
  if (point.count > 1 || point.bucketMs > 0) return <p className="hint">{t('phasesBucket')}</p>
  const rows: [string, number | null | undefined][] = [
    [t('dns'), point.dnsMs],
    [t('connect'), point.connectMs],
    [t('tls'), point.tlsMs],
    [t('ttfb'), point.ttfbMs],
    [t('responseTime'), point.responseTime],
  ]
  return (
    <section className="phases" aria-live="polite">
      <h3>
        {t('phases')}: {point.checkType}, {dateTime(point.timestamp, lang)}
      </h3>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{millis(value, t('ms'))}</dd>
          </div>
        ))}
      </dl>
      {point.errorMessage ? <p className="card-error">{point.errorMessage}</p> : null}
    </section>
  )
}
