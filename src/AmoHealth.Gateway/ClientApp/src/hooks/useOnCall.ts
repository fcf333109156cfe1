import { useCallback, useEffect, useState } from 'react'
import { ApiError, getJson, query } from '../api'
import type { MaintenanceWindow, OnCallIncident, Silence } from '../onCallTypes'

const REFRESH_MS = 60_000
/** Open incidents come first in the log: this many cover every open one of an account. */
const OPEN_LIMIT = 50

export interface OnCall {
  silences: Silence[]
  maintenance: MaintenanceWindow[]
  /** The account's open incidents (for "taken by" on the cards). */
  open: OnCallIncident[]
  refresh: () => void
}

/**
 * Silences, maintenance windows and the account's open incidents; read again every minute (silences end), after
 * `reload` (incident events, reconnects) and after an action. An Api without these endpoints (404) shows nothing.
 */
export function useOnCall(account: string, reload: number, fail: (error: unknown) => void): OnCall {
  const [silences, setSilences] = useState<Silence[]>([])
  const [maintenance, setMaintenance] = useState<MaintenanceWindow[]>([])
  const [open, setOpen] = useState<OnCallIncident[]>([])
  const [version, setVersion] = useState(0)
  const refresh = useCallback(() => setVersion((v) => v + 1), [])

  useEffect(() => {
    const controller = new AbortController()
    const read = <T,>(path: string, set: (value: T) => void) =>
      getJson<T>(path, controller.signal)
        .then(set)
        .catch((reason: unknown) => {
          if (!(reason instanceof ApiError && reason.status === 404)) fail(reason)
        })
    const load = () => {
      void read<Silence[]>('/api/silences', setSilences)
      void read<MaintenanceWindow[]>('/api/maintenance', setMaintenance)
      if (account) {
        void read<OnCallIncident[]>(query('/api/incidents', { account, limit: OPEN_LIMIT }), (rows) =>
          setOpen(rows.filter((i) => i.endTime === null)),
        )
      }
    }
    load()
    const timer = setInterval(load, REFRESH_MS)
    return () => {
      controller.abort()
      clearInterval(timer)
    }
  }, [account, reload, version, fail])

  return { silences, maintenance, open, refresh }
}
