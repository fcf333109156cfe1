import { useState } from 'react'
import { CHECKS, type HistoryPoint } from '../api'
import type { Key, Lang, Translate } from '../i18n'
import type { History } from '../hooks/useHistory'
import type { Range } from '../usePrefs'
import { Phases } from './Phases'
import { ResponseChart } from './ResponseChart'

const RANGES: Range[] = ['1h', '24h', '7d', '30d']

/** One response-time chart per check over the chosen range, and the phases of a clicked point. */
export function Charts(props: { history: History; range: Range; onRange: (range: Range) => void; dark: boolean; t: Translate; lang: Lang }) {
  const { history, range, onRange, dark, t, lang } = props
  const [selected, setSelected] = useState<HistoryPoint | null>(null)
  return (
    <section className="charts" aria-labelledby="charts-title">
      <div className="section-head">
        <h2 id="charts-title">{t('chartTitle')}</h2>
        <div className="range" role="group" aria-label={t('range')}>
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={range === r}
              data-range={r}
              onClick={() => {
                onRange(r)
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
            dark={dark}
            t={t}
            lang={lang}
            onSelect={setSelected}
          />
        ))}
      </div>
      <Phases point={selected} t={t} lang={lang} />
    </section>
  )
}
