import { afterEach, beforeEach, vi } from 'vitest'
import { FakeEventSource, status, type Routes } from './fakes'

export const CHECKS = ['GET', 'POST', 'WEB', 'HOOK', 'DP']

/** What a running Api answers, with a signed-in user of `role`; tests override single routes. */
export function dashboardRoutes(role: string | null, overrides: Routes = {}): Routes {
  return {
    '/auth/me': role === null ? { mode: 'none', user: 'anonymous', role: 'admin' } : { mode: 'login', user: 'anna', role },
    '/api/info': { demo: false, checkIntervalMs: 30000, channels: [], dpActions: [], timeZone: 'Europe/Moscow' },
    '/api/status': CHECKS.map((c) => status(c)),
    '/api/history': [],
    '/api/stats': CHECKS.map((c) => ({
      account: 'demo', checkType: c, total: 10, up: 10, uptime: 99.5, uptimeByTime: 100, avg: 100, p50: 100, p95: 484, p99: 300,
      min: 90, max: 310, incidents: 0, mttr: null,
    })),
    '/api/incidents': [],
    '/api/silences': [],
    '/api/maintenance': [],
    ...overrides,
  }
}

export function incident(overrides: Record<string, unknown> = {}) {
  return {
    id: 7, account: 'demo', checkType: 'GET', kind: 'down', startTime: Date.now() - 60_000, endTime: null, duration: null,
    details: 'The write that should trigger the webhook failed: HTTP 503: expected 200',
    acknowledgedBy: null, acknowledgedAt: null, escalationStep: 0, ...overrides,
  }
}

/** The page in Russian with a fake stream, as App.test.tsx sets it up. */
export function useDashboardEnvironment() {
  beforeEach(() => {
    FakeEventSource.instances = []
    vi.stubGlobal('EventSource', FakeEventSource)
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ru-RU'])
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })
}

export const card = (check: string) => document.querySelector(`[data-check="${check}"]`) as HTMLElement
