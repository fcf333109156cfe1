// The AmoHealth API, as documented at /api/docs. Times are Unix milliseconds.

export const CHECKS = ['GET', 'POST', 'WEB', 'HOOK', 'DP'] as const
export type CheckType = (typeof CHECKS)[number]

// The Api's types are generated from its OpenAPI document (openapi.json -> api.gen.ts, `npm run gen:api`).
export type {
  CheckStats,
  FailureKind,
  HistoryPoint,
  IncidentEvent,
  Outcome,
  StatusUpdate,
  CheckStatusDto as CheckStatus,
  IncidentDto as Incident,
  ChannelState as Channel,
  InfoDto as Info,
} from './api.gen'
import type { CheckStatusDto } from './api.gen'

export type { Me } from './onCallTypes'

/** How old the newest result may be before a check is stale: two intervals plus the default delivery deadline. */
export function staleAfterMs(intervalMs: number): number {
  return 2 * intervalMs + Math.min(20_000, Math.floor((intervalMs * 2) / 3))
}

export function isStale(status: CheckStatusDto | undefined, now: number, intervalMs: number): boolean {
  return !!status && now - status.lastCheck > staleAfterMs(intervalMs)
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
  return (await request(path, { signal, headers: { Accept: 'application/json' } })) as T
}

/** An action (ack, note, silence, maintenance, a status page): JSON in, the answer's JSON out (null for 204). */
export async function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T | null> {
  // The Api writes "dashboard" on the incident's timeline for actions taken here ("api" otherwise).
  const headers: Record<string, string> = { Accept: 'application/json', 'X-AmoHealth-Source': 'dashboard' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  return (await request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, true)) as T | null
}

async function request(path: string, init: RequestInit, emptyOk = false): Promise<unknown> {
  const response = await fetch(path, init)
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
  if (!emptyOk) return await response.json()
  const text = await response.text()
  return text ? JSON.parse(text) : null
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
