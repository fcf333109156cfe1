import { useCallback, useEffect, useState } from 'react'
import { getJson, key, type CheckStatus, type Info, type StatusUpdate } from '../api'

const RETRY_MS = 5_000

export interface Statuses {
  info: Info | null
  statuses: Record<string, CheckStatus>
  loaded: boolean
  error: string | null
  /** Applies one live update to the card it is about; nothing is read again. */
  apply: (update: StatusUpdate) => void
  fail: (error: unknown) => void
}

/** The cards' data: /api/info and /api/status, retried every few seconds while the API is unreachable, then kept live. */
export function useStatuses(reload: number): Statuses {
  const [info, setInfo] = useState<Info | null>(null)
  const [statuses, setStatuses] = useState<Record<string, CheckStatus>>({})
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const fail = useCallback((reason: unknown) => {
    if (reason instanceof DOMException && reason.name === 'AbortError') return
    setError(reason instanceof Error ? reason.message : String(reason))
  }, [])

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
        setError(null)
      } catch (reason) {
        fail(reason)
        if (!controller.signal.aborted) timer = setTimeout(load, RETRY_MS)
      }
    }
    void load()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [reload, fail])

  const apply = useCallback((update: StatusUpdate) => {
    setStatuses((previous) => {
      const id = key(update.account, update.checkType)
      const before = previous[id]
      return {
        ...previous,
        // The update has the status's shape; what only /api/status knows (token, notice) stays as last read.
        [id]: {
          ...before,
          ...update.data,
          account: update.account,
          checkType: update.checkType,
          tokenExpiresAt: before?.tokenExpiresAt ?? null,
          tokenDaysLeft: before?.tokenDaysLeft ?? null,
          notice: before?.notice ?? null,
          stale: false,
        },
      }
    })
    setLoaded(true)
  }, [])

  return { info, statuses, loaded, error, apply, fail }
}
