import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { App } from './App'
import css from './styles.css?raw'
import { fakeFetch, Reply } from './test/fakes'
import { dashboardRoutes, useDashboardEnvironment } from './test/dashboard'
import { budgetMinutes, burnRate, uptimePercent } from './slo'

useDashboardEnvironment()

const rates = (values: number[]) => ['5m', '30m', '1h', '6h', '3d'].map((window, i) => ({ window, rate: values[i] }))

function burnAlert(overrides: Record<string, unknown> = {}) {
  return {
    id: 5, account: 'demo', checkType: 'GET', rule: 'fast', severity: 'page', factor: 14.4, target: 99.9, longBurn: 16.7,
    shortBurn: 200, openedAt: Date.now() - 600_000, closedAt: null, acknowledgedBy: null, acknowledgedAt: null, ...overrides,
  }
}

function slo(checkType: string, overrides: Record<string, unknown> = {}) {
  return {
    account: 'demo', checkType, target: 99.9, windowDays: 30, goodMinutes: 43_150, badMinutes: 12, excludedMinutes: 30,
    maintenanceMinutes: 8, uptime: 43_150 / 43_162, budgetMinutes: 43.16, budgetLeftMinutes: 31.16, budgetLeftPercent: 72.2,
    met: true, burnRates: rates([0, 0, 0.5, 0.25, 0.1]), alerts: [], ...overrides,
  }
}

const sloCard = (check: string) => document.querySelector(`[data-slo="${check}"]`) as HTMLElement

describe('SLOs and error budgets', () => {
  it('shows each check’s budget left in minutes and percent, uptime against the target and the burn rates', async () => {
    const { fetch, calls } = fakeFetch(dashboardRoutes('viewer', {
      '/api/slo': [slo('GET'), slo('POST', {
        badMinutes: 60, budgetLeftMinutes: -16.84, budgetLeftPercent: -39, met: false, uptime: 0.9986,
        burnRates: rates([200, 68.97, 16.7, 2.8, 1.2]), alerts: [burnAlert({ id: 6, checkType: 'POST' })],
      })],
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    await waitFor(() => expect(sloCard('GET')).toBeTruthy())

    expect(calls).toContain('/api/slo?account=demo')
    expect(within(sloCard('GET')).getByTestId('slo-budget').textContent).toBe('Осталось бюджета: 31.2 мин (72.2%) из 43.2 мин')
    expect(within(sloCard('GET')).getByTestId('slo-uptime').textContent).toBe('Доступность за 30 дн.: 99.972% цель 99.9%')
    expect(within(sloCard('GET')).getByTestId('slo-met').textContent).toBe('цель выполняется')
    expect(within(sloCard('GET')).getByTestId('slo-burn').textContent).toBe('Скорость сгорания: 1h 0.5× · 6h 0.25×')
    // Every window on hover, and in the details.
    expect(within(sloCard('GET')).getByTestId('slo-burn').title).toBe('5m: 0× · 30m: 0× · 1h: 0.5× · 6h: 0.25× · 3d: 0.1×')
    expect(sloCard('GET').querySelector('[data-window="3d"] dd')?.textContent).toBe('0.1×')

    const post = sloCard('POST')
    expect(post.dataset.met).toBe('false')
    expect(within(post).getByTestId('slo-budget').textContent).toContain('−16.8 мин (−39.0%)')
    expect(within(post).getByTestId('slo-met').textContent).toBe('цель не выполнена')
    expect(post.querySelector('[data-alert="6"]')?.textContent).toContain('🔥')
    // A viewer sees the alert but is offered no action.
    expect(document.querySelectorAll('[data-action="slo-ack"]')).toHaveLength(0)
  })

  it('marks a ticket apart from a page and says who took an alert', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('operator', {
      '/api/slo': [slo('GET', { alerts: [burnAlert(), burnAlert({ id: 9, rule: 'ticket', severity: 'ticket', factor: 1, acknowledgedBy: 'boris' })] })],
    })).fetch)
    render(<App />)
    await waitFor(() => expect(sloCard('GET')?.querySelector('[data-alert="9"]')).toBeTruthy())

    const ticket = sloCard('GET').querySelector('[data-alert="9"]') as HTMLElement
    expect(ticket.textContent).toContain('🎫')
    expect(ticket.textContent).not.toContain('🔥')
    expect(within(ticket).getByTestId('slo-taken').textContent).toBe('в работе: boris')
    expect(ticket.querySelector('[data-action="slo-ack"]')).toBeNull()
    expect(sloCard('GET').querySelector('[data-alert="5"] [data-action="slo-ack"]')?.textContent).toBe('Взять')
  })

  it('lets an operator take a burn alert and reads the list again', async () => {
    let taken = false
    const { fetch, sent } = fakeFetch(dashboardRoutes('operator', {
      '/api/slo': () => [slo('GET', { alerts: [burnAlert(taken ? { acknowledgedBy: 'anna', acknowledgedAt: Date.now() } : {})] })],
      'POST /api/slo/alerts/5/ack': () => {
        taken = true
        return burnAlert({ acknowledgedBy: 'anna', acknowledgedAt: Date.now() })
      },
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    await waitFor(() => expect(sloCard('GET')?.querySelector('[data-action="slo-ack"]')).toBeTruthy())

    fireEvent.click(sloCard('GET').querySelector('[data-action="slo-ack"]')!)

    await waitFor(() => expect(within(sloCard('GET')).getByTestId('slo-taken').textContent).toBe('в работе: anna'))
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/slo/alerts/5/ack'])
  })

  it.each([
    [409, 'Already taken by boris', 'Не получилось: Already taken by boris'],
    [403, 'operator role needed', 'Недостаточно прав: operator role needed'],
    [404, 'There is no burn alert #5.', 'Не получилось: There is no burn alert #5.'],
  ])('says why an ack was refused (%i)', async (code, detail, shown) => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('operator', {
      '/api/slo': [slo('GET', { alerts: [burnAlert()] })],
      'POST /api/slo/alerts/5/ack': new Reply(code, { title: 'No', status: code, detail }),
    })).fetch)
    render(<App />)
    await waitFor(() => expect(sloCard('GET')?.querySelector('[data-action="slo-ack"]')).toBeTruthy())

    fireEvent.click(sloCard('GET').querySelector('[data-action="slo-ack"]')!)

    await waitFor(() => expect(within(sloCard('GET')).getByRole('alert').textContent).toBe(shown))
  })

  it('speaks English', async () => {
    localStorage.setItem('amohealth.lang', 'en')
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('operator', { '/api/slo': [slo('GET', { alerts: [burnAlert()] })] })).fetch)
    render(<App />)
    await waitFor(() => expect(sloCard('GET')).toBeTruthy())

    expect(within(sloCard('GET')).getByTestId('slo-budget').textContent).toBe('Budget left: 31.2 min (72.2%) of 43.2 min')
    expect(within(sloCard('GET')).getByTestId('slo-met').textContent).toBe('met')
    expect(screen.getByRole('heading', { name: 'SLOs and error budgets' })).toBeTruthy()
    expect(sloCard('GET').querySelector('[data-action="slo-ack"]')?.textContent).toBe('Ack')
  })

  it('shows nothing for an Api without SLOs, and no error', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('viewer')).fetch)
    render(<App />)
    await waitFor(() => expect(document.querySelector('[data-stats="GET"] td')?.textContent).toBe('99.50%'))

    expect(screen.queryByTestId('slo')).toBeNull()
    expect(document.querySelector('.banner-bad')).toBeNull()
  })

  it('fits a phone: cards shrink to the screen and long words wrap inside them', () => {
    expect(css).toMatch(/\.slo-cards \{[^}]*minmax\(min\(260px, 100%\), 1fr\)/)
    expect(css).toMatch(/\.slo-card \{[^}]*min-width: 0;[^}]*overflow-wrap: anywhere/)
    expect(css).toMatch(/\.slo-alerts li \{[^}]*flex-wrap: wrap/)
  })
})

describe('SLO figures', () => {
  it('write minutes with a real minus, uptime to a thousandth of a percent and burn rates by size', () => {
    expect(budgetMinutes(-5.58, 'ru')).toBe('−5.6 мин')
    expect(budgetMinutes(-0.01, 'en')).toBe('0.0 min')
    expect(uptimePercent(410 / 416)).toBe('98.558%')
    expect(uptimePercent(null)).toBe('—')
    expect([burnRate(0), burnRate(0.5), burnRate(16.667), burnRate(200)]).toEqual(['0×', '0.5×', '16.7×', '200×'])
  })
})
