import { useCallback, useEffect, useState } from 'react'
import { getJson, query } from '../api'
import type { OnCallIncident } from '../onCallTypes'
import { PAGE_SIZE } from '../components/IncidentsTable'

/** The incident log for the account: open first, filtered by check, paged; read again after `reload`. */
export function useIncidents(account: string, reload: number, fail: (error: unknown) => void) {
  const [incidents, setIncidents] = useState<OnCallIncident[]>([])
  const [page, setPage] = useState(0)
  const [checkFilter, setCheckFilter] = useState('')

  useEffect(() => {
    if (!account) return
    const controller = new AbortController()
    getJson<OnCallIncident[]>(
      query('/api/incidents', { limit: PAGE_SIZE, offset: page * PAGE_SIZE, account, checkType: checkFilter }),
      controller.signal,
    )
      .then(setIncidents)
      .catch(fail)
    return () => controller.abort()
  }, [account, page, checkFilter, reload, fail])

  const filter = (value: string) => {
    setCheckFilter(value)
    setPage(0)
  }
  /** The Api's answer to an action on one incident replaces its row at once. */
  const patch = useCallback(
    (incident: OnCallIncident) => setIncidents((rows) => rows.map((row) => (row.id === incident.id ? { ...row, ...incident } : row))),
    [],
  )
  return { incidents, page, setPage, checkFilter, filter, patch }
}
