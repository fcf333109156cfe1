import { useCallback, useEffect, useState } from 'react'
import { ApiError, getJson, query } from '../api'
import type { Slo } from '../slo'

const REFRESH_MS = 60_000

/**
 * The account's SLOs (`GET /api/slo`), read on the stats' cadence: every minute, after `reload` and after an ack.
 * An Api without the endpoint (404) shows nothing.
 */
export function useSlo(account: string, reload: number, fail: (error: unknown) => void) {
  const [slos, setSlos] = useState<Slo[]>([])
  const [version, setVersion] = useState(0)
  const refresh = useCallback(() => setVersion((v) => v + 1), [])

  useEffect(() => {
    if (!account) return
    const controller = new AbortController()
    const load = () =>
      getJson<Slo[]>(query('/api/slo', { account }), controller.signal)
        .then(setSlos)
        .catch((reason: unknown) => {
          if (!(reason instanceof ApiError && reason.status === 404)) fail(reason)
        })
    void load()
    const timer = setInterval(load, REFRESH_MS)
    return () => {
      controller.abort()
      clearInterval(timer)
    }
  }, [account, reload, version, fail])

  return { slos, refresh }
}
