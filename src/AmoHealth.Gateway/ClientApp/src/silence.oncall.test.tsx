import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from './App'
import { minutesUntilTomorrowNine } from './components/SilenceDialog'
import { fakeFetch, Reply, type Sent } from './test/fakes'
import { card, dashboardRoutes, incident, useDashboardEnvironment } from './test/dashboard'
import { localDate, zonedToUtc } from './teamTime'

useDashboardEnvironment()
// Midday in Moscow, so "until 23:59 today" is ahead whenever the suite runs.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 11, 7, 9, 0) })
})

const todayAt = (time: string) => zonedToUtc(localDate(Date.now(), 'Europe/Moscow'), time, 'Europe/Moscow')

async function openSilence(sent: Sent[]) {
  render(<App />)
  await waitFor(() => expect(card('GET').querySelector('[data-action="silence"]')).toBeTruthy())
  fireEvent.click(card('GET').querySelector('[data-action="silence"]')!)
  const dialog = await screen.findByTestId('silence-dialog')
  return { dialog, posts: () => sent.filter((r) => r.method === 'POST') }
}

describe('silencing', () => {
  it('needs a reason and a duration of 5 to 10080 minutes before it sends anything', async () => {
    const { fetch, sent } = fakeFetch(dashboardRoutes('operator'))
    vi.stubGlobal('fetch', fetch)
    const { dialog, posts } = await openSilence(sent)

    fireEvent.click(within(dialog).getByTestId('duration-custom'))
    fireEvent.change(within(dialog).getByTestId('custom-minutes'), { target: { value: '3' } })
    fireEvent.click(dialog.querySelector('[data-action="silence-submit"]')!)

    const alerts = within(dialog).getAllByRole('alert').map((a) => a.textContent)
    expect(alerts).toEqual(['От 5 до 10080 минут', 'Укажите причину (до 500 символов)'])
    expect(within(dialog).getByTestId('silence-reason').getAttribute('aria-invalid')).toBe('true')
    expect(posts()).toHaveLength(0)

    fireEvent.change(within(dialog).getByTestId('custom-minutes'), { target: { value: '10081' } })
    fireEvent.change(within(dialog).getByTestId('silence-reason'), { target: { value: '   ' } })
    fireEvent.click(dialog.querySelector('[data-action="silence-submit"]')!)
    expect(within(dialog).getAllByRole('alert')).toHaveLength(2)
    expect(posts()).toHaveLength(0)
  })

  it('sends the check, minutes, reason and end-on-recovery, then shows until when on the card', async () => {
    const silences: unknown[] = []
    const { fetch, sent } = fakeFetch(dashboardRoutes('operator', {
      '/api/silences': () => silences,
      'POST /api/silences': (_: URL, r: Sent) => {
        const body = r.body as { checkType: string; reason: string; account: string; endOnRecovery: boolean }
        const silence = { id: 5, ...body, startsAt: Date.now() - 1000, endsAt: todayAt('23:59'), createdBy: 'anna', createdAt: Date.now() }
        silences.push(silence)
        return new Reply(201, silence)
      },
    }))
    vi.stubGlobal('fetch', fetch)
    const { dialog, posts } = await openSilence(sent)

    fireEvent.click(within(dialog).getByTestId('duration-240'))
    fireEvent.change(within(dialog).getByTestId('silence-reason'), { target: { value: ' amoCRM maintenance ' } })
    fireEvent.click(within(dialog).getByTestId('end-on-recovery'))
    fireEvent.click(dialog.querySelector('[data-action="silence-submit"]')!)

    await waitFor(() => expect(screen.queryByTestId('silence-dialog')).toBeNull())
    expect(posts().map((r) => r.body)).toEqual([
      { account: 'demo', checkType: 'GET', minutes: 240, reason: 'amoCRM maintenance', endOnRecovery: true },
    ])
    await waitFor(() => expect(card('GET').querySelector('[data-silence="5"]')?.textContent).toContain('заглушено до 23:59: amoCRM maintenance'))
    expect(card('POST').querySelector('[data-silence]')).toBeNull()
  })

  it('silences the whole account until tomorrow 09:00 in the team zone', async () => {
    const { fetch, sent } = fakeFetch(dashboardRoutes('operator', { 'POST /api/silences': new Reply(201, {}) }))
    vi.stubGlobal('fetch', fetch)
    const { dialog, posts } = await openSilence(sent)

    fireEvent.click(within(dialog).getByTestId('scope-account'))
    fireEvent.click(within(dialog).getByTestId('duration-tomorrow'))
    fireEvent.change(within(dialog).getByTestId('silence-reason'), { target: { value: 'night works' } })
    fireEvent.click(dialog.querySelector('[data-action="silence-submit"]')!)

    await waitFor(() => expect(posts()).toHaveLength(1))
    const body = posts()[0].body as { checkType: unknown; minutes: number }
    expect(body.checkType).toBeNull()
    expect(Math.abs(body.minutes - minutesUntilTomorrowNine(Date.now(), 'Europe/Moscow'))).toBeLessThanOrEqual(1)
  })

  it('counts the minutes to 09:00 tomorrow in the team zone across a DST change', () => {
    // 2026-03-28 12:00 in Berlin (CET); 09:00 on the 29th is CEST: 20 h, one hour less than the wall clock says.
    const now = Date.UTC(2026, 2, 28, 11, 0)
    expect(minutesUntilTomorrowNine(now, 'Europe/Berlin')).toBe(20 * 60)
  })

  it('ends a silence early and shows the Api refusal on the card', async () => {
    const silence = { id: 5, account: 'demo', checkType: null, startsAt: Date.now() - 1000, endsAt: Date.now() + 3_600_000, reason: 'deploy', createdBy: 'anna', createdAt: 0, endOnRecovery: false }
    let ended = false
    const { fetch, sent } = fakeFetch(dashboardRoutes('operator', {
      '/api/silences': () => (ended ? [] : [silence]),
      'DELETE /api/silences/5': () => {
        ended = true
        return new Reply(204)
      },
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    await waitFor(() => expect(document.querySelector('[data-account-silence="5"]')).toBeTruthy())
    expect(card('WEB').querySelector('[data-silence="5"]')).toBeTruthy()

    fireEvent.click(card('WEB').querySelector('[data-action="end-silence"]')!)

    await waitFor(() => expect(document.querySelector('[data-silence="5"]')).toBeNull())
    expect(sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/silences/5'])
    expect(document.querySelector('[data-account-silence]')).toBeNull()
  })

  it('shows maintenance until when, and who took the open incident, on the card', async () => {
    const window = {
      id: 2, account: null, kind: 'once', startsAt: Date.now() - 60_000, endsAt: todayAt('23:58'), weekday: null, startTime: null,
      durationMinutes: null, timeZone: 'Europe/Moscow', reason: 'amoCRM update', createdBy: 'boss', createdAt: 0, source: 'page', active: true, next: null,
    }
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('viewer', {
      '/api/maintenance': [window],
      '/api/incidents': [incident({ acknowledgedBy: 'anna', acknowledgedAt: Date.now() })],
    })).fetch)
    render(<App />)
    await waitFor(() => expect(card('GET').querySelector('[data-testid="card-taken"]')?.textContent).toBe('в работе: anna'))
    expect(card('DP').querySelector('[data-testid="card-maintenance"]')?.textContent).toBe('обслуживание до 23:58: amoCRM update')
    expect(card('DP').querySelector('[data-testid="card-taken"]')).toBeNull()
  })
})
