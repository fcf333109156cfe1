import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from './App'
import { FakeEventSource, fakeFetch, status, type Routes } from './test/fakes'

const CHECKS = ['GET', 'POST', 'WEB', 'HOOK', 'DP']

function routes(overrides: Routes = {}): Routes {
  return {
    '/api/info': { demo: true, checkIntervalMs: 30000 },
    '/api/status': CHECKS.map((c) => status(c)),
    '/api/history': [],
    '/api/stats': CHECKS.map((c) => ({ account: 'demo', checkType: c, total: 10, up: 10, uptime: 99.5, uptimeByTime: 100, avg: 100, p50: 100, p95: 250, p99: 300, min: 90, max: 310, incidents: 0, mttr: null })),
    '/api/incidents': [],
    ...overrides,
  }
}

function card(check: string): HTMLElement {
  return document.querySelector(`[data-check="${check}"]`) as HTMLElement
}

beforeEach(() => {
  FakeEventSource.instances = []
  vi.stubGlobal('EventSource', FakeEventSource)
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ru-RU'])
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('dashboard', () => {
  it('shows a card per check with status, uptime and p95, and the demo banner', async () => {
    const { fetch } = fakeFetch(routes())
    vi.stubGlobal('fetch', fetch)
    render(<App />)

    await waitFor(() => expect(card('GET').dataset.tone).toBe('ok'))
    expect(CHECKS.map((c) => card(c)).every(Boolean)).toBe(true)
    expect(within(card('GET')).getByRole('status').textContent).toContain('Работает')
    await waitFor(() => expect(card('POST').textContent).toContain('99.50%'))
    expect(card('POST').textContent).toContain('250 мс')
    expect(card('HOOK').textContent).toContain('Доставка вебхука')
    expect(screen.getByTestId('demo-banner')).toBeTruthy()
  })

  it('greys out a check without a recent result and says since when', async () => {
    const old = Date.now() - 10 * 60_000
    const { fetch } = fakeFetch(routes({ '/api/status': CHECKS.map((c) => ({ ...status(c), lastCheck: c === 'DP' ? old : Date.now() })) }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)

    await waitFor(() => expect(card('DP').dataset.tone).toBe('stale'))
    expect(within(card('DP')).getByRole('status').textContent).toContain('Нет результатов с')
    expect(card('GET').dataset.tone).toBe('ok')
  })

  it('shows a notice about the account and an alert channel that does not deliver', async () => {
    const { fetch } = fakeFetch(routes({
      '/api/info': { demo: false, checkIntervalMs: 30000, channels: [
        { name: 'mattermost', state: 'failing', since: Date.now() - 3_600_000, error: 'HTTP 404' },
        { name: 'telegram', state: 'ok', since: null, error: null },
      ] },
      '/api/status': CHECKS.map((c) => ({ ...status(c), notice: 'The test lead 7 no longer exists in amoCRM' })),
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)

    await waitFor(() => expect(screen.getByTestId('channel-banner').textContent).toContain('mattermost'))
    expect(screen.getAllByTestId('channel-banner')).toHaveLength(1)
    expect(screen.getByTestId('channel-banner').textContent).toContain('HTTP 404')
    expect(screen.getByTestId('notice-banner').textContent).toContain('The test lead 7 no longer exists')

    // A live update carries no notice: the banner stays until the status is read again.
    act(() => FakeEventSource.latest().open())
    act(() =>
      FakeEventSource.latest().send({
        type: 'status_update', checkType: 'GET', account: 'demo',
        data: {
          account: 'demo', checkType: 'GET', status: 'up', outcome: 'up', failureKind: 'none', responseTime: 90,
          lastCheck: Date.now(), errorMessage: null, httpStatus: 200,
        },
        timestamp: Date.now(),
      }),
    )
    expect(screen.getByTestId('notice-banner').textContent).toContain('The test lead 7 no longer exists')
  })

  it('turns a card red from a live update and adds the incident when it opens', async () => {
    let incidents: unknown[] = []
    const { fetch } = fakeFetch(routes({ '/api/incidents': () => incidents }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    await waitFor(() => expect(card('GET').dataset.tone).toBe('ok'))
    act(() => FakeEventSource.latest().open())

    act(() =>
      FakeEventSource.latest().send({
        type: 'status_update', checkType: 'GET', account: 'demo',
        data: {
          account: 'demo', checkType: 'GET', status: 'down', outcome: 'down', failureKind: 'http_status', responseTime: 5000,
          lastCheck: Date.now(), errorMessage: 'HTTP 503', httpStatus: 503,
        },
        timestamp: Date.now(),
      }),
    )
    expect(card('GET').dataset.tone).toBe('bad')
    expect(card('GET').textContent).toContain('HTTP 503')

    incidents = [{ id: 7, account: 'demo', checkType: 'GET', kind: 'down', startTime: Date.now() - 60000, endTime: null, duration: null, details: 'HTTP 503' }]
    act(() => FakeEventSource.latest().send(incidents[0], 'incident_opened'))
    await waitFor(() => expect(document.querySelector('[data-incident="7"]')?.getAttribute('data-open')).toBe('true'))
  })

  it('says when the stream is lost, reconnects with backoff and reads everything again', async () => {
    const { fetch, calls } = fakeFetch(routes())
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    await waitFor(() => expect(card('GET').dataset.tone).toBe('ok'))
    act(() => FakeEventSource.latest().open())
    expect(screen.getByTestId('connection').dataset.state).toBe('live')

    vi.useFakeTimers({ shouldAdvanceTime: true })
    act(() => FakeEventSource.latest().fail())
    expect(screen.getByTestId('connection').dataset.state).toBe('reconnecting')
    expect(FakeEventSource.instances[0].closed).toBe(true)
    const before = calls.filter((c) => c === '/api/status').length

    act(() => vi.advanceTimersByTime(1100))
    expect(FakeEventSource.instances).toHaveLength(2)
    act(() => FakeEventSource.latest().open())
    expect(screen.getByTestId('connection').dataset.state).toBe('live')
    await waitFor(() => expect(calls.filter((c) => c === '/api/status').length).toBeGreaterThan(before))
  })

  it('switches language and range', async () => {
    const { fetch, calls } = fakeFetch(routes())
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    await waitFor(() => expect(card('GET').dataset.tone).toBe('ok'))

    fireEvent.change(screen.getByTestId('lang'), { target: { value: 'en' } })
    expect(within(card('GET')).getByRole('status').textContent).toContain('Up')
    expect(document.documentElement.lang).toBe('en')

    fireEvent.click(document.querySelector('[data-range="7d"]')!)
    await waitFor(() => expect(calls.some((c) => c.startsWith('/api/history?from='))).toBe(true))
    const last = new URLSearchParams(calls.filter((c) => c.startsWith('/api/history')).pop()!.split('?')[1])
    expect(Number(last.get('to')) - Number(last.get('from'))).toBe(168 * 3_600_000)
    expect(document.querySelector('[data-range="7d"]')?.getAttribute('aria-pressed')).toBe('true')
  })

  it('says when the API is unreachable and when there is no data yet', async () => {
    const failing = fakeFetch(routes({ '/api/status': new Error('connection refused') }))
    vi.stubGlobal('fetch', failing.fetch)
    const { unmount } = render(<App />)
    await waitFor(() => expect(screen.getByTestId('api-error').textContent).toContain('connection refused'))
    unmount()

    vi.stubGlobal('fetch', fakeFetch(routes({ '/api/status': [] })).fetch)
    render(<App />)
    await waitFor(() => expect(screen.getByTestId('no-data')).toBeTruthy())
  })

  it('warns when the token is about to expire', async () => {
    const soon = Date.now() + 3 * 86_400_000
    vi.stubGlobal('fetch', fakeFetch(routes({ '/api/status': CHECKS.map((c) => status(c, { tokenExpiresAt: soon, tokenDaysLeft: 3 })) })).fetch)
    render(<App />)
    await waitFor(() => expect(screen.getByTestId('token-banner').textContent).toContain('3'))
  })

  it('appends a live result to the 1 h chart and updates its card without reading history again', async () => {
    const { fetch, calls } = fakeFetch(routes())
    vi.stubGlobal('fetch', fetch)
    localStorage.setItem('amohealth.range', '1h')
    render(<App />)
    await waitFor(() => expect(card('GET').dataset.tone).toBe('ok'))
    await waitFor(() => expect(calls.some((c) => c.startsWith('/api/history'))).toBe(true))
    act(() => FakeEventSource.latest().open())
    const reads = calls.filter((c) => c.startsWith('/api/history')).length

    for (const [i, outcome] of ['up', 'down'].entries()) {
      act(() =>
        FakeEventSource.latest().send({
          type: 'status_update', checkType: 'GET', account: 'demo',
          data: {
            account: 'demo', checkType: 'GET', status: outcome, outcome, failureKind: outcome === 'down' ? 'http_status' : 'none',
            responseTime: 300 + i, lastCheck: Date.now() + i, errorMessage: outcome === 'down' ? 'HTTP 502' : null,
            httpStatus: outcome === 'down' ? 502 : 200,
          },
          timestamp: Date.now(),
        }),
      )
    }

    expect(document.querySelectorAll('[data-chart="GET"] li')).toHaveLength(2)
    expect(document.querySelector('[data-chart="GET"] li:last-child')?.textContent).toMatch(/:301$/)
    expect(card('GET').dataset.tone).toBe('bad')
    expect(screen.getByTestId('card-error').textContent).toContain('amoCRM ответил HTTP 502')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(calls.filter((c) => c.startsWith('/api/history')).length).toBe(reads)
  })

  it('draws each check\'s history in its own chart', async () => {
    const now = Date.now()
    const points = [0, 1, 2].map((i) => ({
      account: 'demo', checkType: 'WEB', timestamp: now - (3 - i) * 60000, status: 'up', responseTime: 100 + i, min: 100, max: 103, p95: 103,
      count: 1, upCount: 1, bucketMs: 0, errorMessage: null, dnsMs: 1, connectMs: 2, tlsMs: 3, ttfbMs: 4,
    }))
    vi.stubGlobal('fetch', fakeFetch(routes({ '/api/history': points })).fetch)
    render(<App />)
    await waitFor(() => expect(document.querySelectorAll('[data-chart="WEB"] li')).toHaveLength(3))
    expect(document.querySelectorAll('[data-chart="GET"] li')).toHaveLength(0)
  })
})
