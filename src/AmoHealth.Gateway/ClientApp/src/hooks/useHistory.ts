import { useCallback, useEffect, useState } from 'react'
import { getJson, query, type HistoryPoint, type StatusUpdate } from '../api'
import { RANGE_HOURS, type Range } from '../usePrefs'

/** Longer ranges are buckets the server computes: read again this often, not on every live update. */
const BUCKETED_REFRESH_MS = 60_000

export interface History {
  points: HistoryPoint[]
  from: number
  to: number
}

/**
 * The chart's points for the account and range. In the 1 h range (raw results) a live update is appended as
 * a point and the window slides; longer ranges are read again every minute and after `reload` changes.
 */
export function useHistory(account: string, range: Range, reload: number, fail: (error: unknown) => void) {
  const [history, setHistory] = useState<History>({ points: [], from: 0, to: 1 })

  useEffect(() => {
    if (!account) return
    const controller = new AbortController()
    const load = () => {
      const to = Date.now()
      const from = to - RANGE_HOURS[range] * 3_600_000
      getJson<HistoryPoint[]>(query('/api/history', { from, to, account }), controller.signal)
        .then((points) => setHistory({ points, from, to }))
        .catch(fail)
    }
    load()
    const timer = range === '1h' ? undefined : setInterval(load, BUCKETED_REFRESH_MS)
    return () => {
      controller.abort()
      clearInterval(timer)
    }
  }, [account, range, reload, fail])

  const append = useCallback(
    (update: StatusUpdate) => {
      if (range !== '1h' || update.account !== account) return
      setHistory((previous) => {
        const to = Math.max(previous.to, update.data.lastCheck)
        const from = to - RANGE_HOURS['1h'] * 3_600_000
        const up = update.data.status === 'up' ? 1 : 0
        const point: HistoryPoint = {
          account: update.account, checkType: update.checkType, timestamp: update.data.lastCheck, status: update.data.status,
          responseTime: update.data.responseTime, min: update.data.responseTime, max: update.data.responseTime, p95: update.data.responseTime,
          count: 1, upCount: up, bucketMs: 0, errorMessage: update.data.errorMessage,
        }
        const duplicate = previous.points.some((p) => p.checkType === point.checkType && p.timestamp === point.timestamp)
        const points = (duplicate ? previous.points : [...previous.points, point]).filter((p) => p.timestamp >= from)
        return { points, from, to }
      })
    },
    [account, range],
  )

  return { history, append }
}
