import { useMemo } from 'react'
import {
  Chart as ChartJS,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
  type Plugin,
} from 'chart.js'
import { Line } from 'react-chartjs-2'
import type { HistoryPoint } from '../api'
import type { Lang, Translate } from '../i18n'
import { axisTime, dateTime, millis, timeTicks } from '../format'

// Only the parts used: the bundle stays small.
ChartJS.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip)

/** Shades the time of every point (or bucket) that was down, behind the lines. */
const downShading: Plugin<'line'> = {
  id: 'downShading',
  beforeDatasetsDraw(chart, _args, options) {
    const spans = (options as { spans?: [number, number][]; color?: string }).spans ?? []
    const { ctx, chartArea, scales } = chart
    ctx.save()
    ctx.fillStyle = (options as { color?: string }).color ?? 'rgba(220, 38, 38, 0.15)'
    for (const [from, to] of spans) {
      const left = Math.max(chartArea.left, scales.x.getPixelForValue(from))
      const right = Math.min(chartArea.right, scales.x.getPixelForValue(to))
      if (right > left) ctx.fillRect(left, chartArea.top, Math.max(2, right - left), chartArea.bottom - chartArea.top)
    }
    ctx.restore()
  },
}

export function downSpans(points: HistoryPoint[]): [number, number][] {
  const spans: [number, number][] = []
  points.forEach((point, i) => {
    if (point.status === 'up') return
    const end = point.bucketMs > 0 ? point.timestamp + point.bucketMs : (points[i + 1]?.timestamp ?? point.timestamp + 1)
    const last = spans[spans.length - 1]
    if (last && last[1] >= point.timestamp) last[1] = Math.max(last[1], end)
    else spans.push([point.timestamp, end])
  })
  return spans
}

export function ResponseChart(props: {
  checkType: string
  title: string
  points: HistoryPoint[]
  from: number
  to: number
  dark: boolean
  t: Translate
  lang: Lang
  onSelect: (point: HistoryPoint) => void
}) {
  const { checkType, title, points, from, to, dark, t, lang, onSelect } = props
  const data = useMemo(
    () => ({
      datasets: [
        {
          label: t('avg'),
          data: points.map((p) => ({ x: p.timestamp, y: p.responseTime })),
          borderColor: dark ? '#60a5fa' : '#2563eb',
          backgroundColor: dark ? '#60a5fa' : '#2563eb',
          borderWidth: 1.5,
          pointRadius: points.length > 120 ? 0 : 2,
          pointHitRadius: 6,
          spanGaps: false,
          tension: 0,
        },
        {
          label: 'p95',
          data: points.map((p) => ({ x: p.timestamp, y: p.p95 })),
          borderColor: 'rgba(0,0,0,0)',
          backgroundColor: dark ? 'rgba(96, 165, 250, 0.22)' : 'rgba(37, 99, 235, 0.15)',
          pointRadius: 0,
          pointHitRadius: 0,
          fill: '-1',
          tension: 0,
        },
      ],
    }),
    [points, dark, t],
  )
  const options = useMemo<ChartOptions<'line'>>(
    () => ({
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      onClick: (_event, elements) => {
        const index = elements[0]?.index
        if (index !== undefined && points[index]) onSelect(points[index])
      },
      scales: {
        x: {
          type: 'linear',
          min: from,
          max: to,
          // Round local times across the whole window (not the linear scale's own steps in milliseconds).
          afterBuildTicks: (axis) => {
            axis.ticks = timeTicks(from, to).map((value) => ({ value }))
          },
          ticks: { autoSkip: false, maxRotation: 0, color: dark ? '#cbd5e1' : '#475569', callback: (value) => axisTime(Number(value), to - from, lang) },
          grid: { color: dark ? 'rgba(148,163,184,0.15)' : 'rgba(100,116,139,0.15)' },
        },
        y: {
          beginAtZero: true,
          ticks: { maxTicksLimit: 5, color: dark ? '#cbd5e1' : '#475569', callback: (value) => `${value} ${t('ms')}` },
          grid: { color: dark ? 'rgba(148,163,184,0.15)' : 'rgba(100,116,139,0.15)' },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => item.datasetIndex === 0,
          callbacks: {
            title: (items) => dateTime(points[items[0]?.dataIndex ?? 0]?.timestamp, lang),
            label: (item) => {
              const p = points[item.dataIndex]
              if (!p) return ''
              const lines = [`${t('avg')}: ${millis(p.responseTime, t('ms'))}`]
              if (p.count > 1) {
                lines.push(`${t('min')} / ${t('max')}: ${millis(p.min, t('ms'))} / ${millis(p.max, t('ms'))}`)
                lines.push(`p95: ${millis(p.p95, t('ms'))}`)
              }
              lines.push(`${t('results')}: ${p.count}, ${t('failed')}: ${p.count - p.upCount}`)
              if (p.errorMessage) lines.push(p.errorMessage)
              return lines
            },
          },
        },
        downShading: { spans: downSpans(points), color: dark ? 'rgba(248, 113, 113, 0.25)' : 'rgba(220, 38, 38, 0.15)' },
      },
    }),
    [points, from, to, dark, t, lang, onSelect],
  )
  return (
    <figure className="chart" data-chart={checkType}>
      <figcaption>{title}</figcaption>
      <div className="chart-canvas">
        <Line data={data} options={options} plugins={[downShading]} aria-label={`${t('chartTitle')}: ${title}`} role="img" />
      </div>
    </figure>
  )
}
