// The AmoHealth API, as documented at /api/docs. Times are Unix milliseconds.

export const CHECKS = ['GET', 'POST', 'WEB', 'HOOK', 'DP'] as const
export type CheckType = (typeof CHECKS)[number]

export interface CheckStatus {
  account: string
  checkType: string
  status: string
  outcome: string
  responseTime: number | null
  lastCheck: number
  errorMessage: string | null
  httpStatus: number | null
  tokenExpiresAt: number | null
  tokenDaysLeft: number | null
  /** The latest thing AmoHealth repaired or could not use in the account (a recreated test lead, a wrong stage id). */
  notice?: string | null
  /** The newest result is older than two intervals plus the deadline: the Prober has stopped. */
  stale?: boolean
}

export interface HistoryPoint {
  account: string
  checkType: string
  timestamp: number
  status: string
  responseTime: number | null
  min: number | null
  max: number | null
  p95: number | null
  count: number
  upCount: number
  bucketMs: number
  errorMessage: string | null
  // Raw points only; buckets leave them out.
  dnsMs?: number | null
  connectMs?: number | null
  tlsMs?: number | null
  ttfbMs?: number | null
}

export interface Incident {
  id: number
  account: string
  checkType: string
  kind: string
  startTime: number
  endTime: number | null
  duration: number | null
  details: string | null
}

export interface CheckStats {
  account: string
  checkType: string
  total: number
  up: number
  uptime: number
  uptimeByTime: number
  avg: number | null
  p50: number | null
  p95: number | null
  p99: number | null
  min: number | null
  max: number | null
  incidents: number
  mttr: number | null
}

export interface Me {
  mode: string
  user: string | null
}

export interface Channel {
  name: string
  state: 'ok' | 'failing' | 'misconfigured'
  since: number | null
  error: string | null
}

export interface Info {
  demo: boolean
  checkIntervalMs: number
  channels?: Channel[]
}

/** How old the newest result may be before a check is stale: two intervals plus the default delivery deadline. */
export function staleAfterMs(intervalMs: number): number {
  return 2 * intervalMs + Math.min(20_000, Math.floor((intervalMs * 2) / 3))
}

export function isStale(status: CheckStatus | undefined, now: number, intervalMs: number): boolean {
  return !!status && now - status.lastCheck > staleAfterMs(intervalMs)
}

/** The seed's SSE message, plus account and outcome. */
export interface StatusUpdate {
  type: 'status_update'
  checkType: string
  account: string
  data: { status: string; outcome?: string; responseTime: number | null; lastCheck: number; errorMessage: string | null }
  timestamp: number
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { Accept: 'application/json' } })
  if (response.status === 401 && !path.startsWith('/auth/')) {
    // Signed out (or the session expired): to the sign-in page, and back here afterwards.
    window.location.assign(`/login?returnUrl=${encodeURIComponent(window.location.pathname)}`)
  }
  if (!response.ok) {
    let detail = response.statusText
    try {
      const problem = (await response.json()) as { detail?: string; title?: string }
      detail = problem.detail ?? problem.title ?? detail
    } catch {
      // Not a problem document: keep the status text.
    }
    throw new ApiError(detail, response.status)
  }
  return (await response.json()) as T
}

export function query(path: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `${path}?${text}` : path
}

export const key = (account: string, checkType: string) => `${account}|${checkType}`
