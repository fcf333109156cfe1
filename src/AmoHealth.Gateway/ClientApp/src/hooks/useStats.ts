import { useEffect, useState } from 'react'
import { getJson, query, type CheckStats } from '../api'
import { RANGE_HOURS, type Range } from '../usePrefs'

const REFRESH_MS = 60_000

export type CardWindows = Record<24 | 168 | 720, CheckStats[]>

/** The range's summary table and the cards' uptime over 24 h, 7 d and 30 d; read again every minute and after `reload`. */
export function useStats(account: string, range: Range, reload: number, fail: (error: unknown) => void) {
  const [rangeStats, setRangeStats] = useState<CheckStats[]>([])
  const [cardStats, setCardStats] = useState<CardWindows>({ 24: [], 168: [], 720: [] })

  useEffect(() => {
    if (!account) return
    const controller = new AbortController()
    const load = () => {
      const to = Date.now()
      const from = to - RANGE_HOURS[range] * 3_600_000
      const windows = [24, 168, 720] as const
      Promise.all([
        getJson<CheckStats[]>(query('/api/stats', { from, to, account }), controller.signal),
        ...windows.map((hours) => getJson<CheckStats[]>(query('/api/stats', { hours, account }), controller.signal)),
      ])
        .then(([summary, day, week, month]) => {
          setRangeStats(summary)
          setCardStats({ 24: day, 168: week, 720: month })
        })
        .catch(fail)
    }
    load()
    const timer = setInterval(load, REFRESH_MS)
    return () => {
      controller.abort()
      clearInterval(timer)
    }
  }, [account, range, reload, fail])

  return { rangeStats, cardStats }
}
