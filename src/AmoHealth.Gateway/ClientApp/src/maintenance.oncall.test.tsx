import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from './App'
import { coveringEnd, maintenanceBody, type MaintenanceForm } from './maintenance'
import type { MaintenanceWindow } from './onCallTypes'
import { fakeFetch, Reply } from './test/fakes'
import { dashboardRoutes, useDashboardEnvironment } from './test/dashboard'

useDashboardEnvironment()
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 2, 20, 9, 0) })
})

const BERLIN = { '/api/info': { demo: false, checkIntervalMs: 30000, channels: [], dpActions: [], timeZone: 'Europe/Berlin' } }

const pageWindow: MaintenanceWindow = {
  id: 4, account: 'demo', kind: 'weekly', startsAt: null, endsAt: null, weekday: 0, startTime: '02:30', durationMinutes: 90,
  timeZone: 'Europe/Berlin', reason: 'amoCRM weekly', createdBy: 'boss', createdAt: 0, source: 'page', active: false,
  next: { startsAt: Date.UTC(2026, 2, 22, 1, 30), endsAt: Date.UTC(2026, 2, 22, 3, 0) },
}
const configWindow: MaintenanceWindow = { ...pageWindow, id: 0, account: null, source: 'config', reason: 'from file' }

const form = (overrides: Partial<MaintenanceForm>): MaintenanceForm => ({
  account: '', kind: 'once', start: '', end: '', weekday: 0, startTime: '03:00', durationMinutes: '60', reason: 'r', ...overrides,
})

describe('maintenance times', () => {
  it('reads one-off local times in the team zone, on the day the clocks go forward too', () => {
    const { body } = maintenanceBody(form({ start: '2026-03-29T01:00', end: '2026-03-29T05:00' }), 'Europe/Berlin')
    // 01:00 is CET (+1), 05:00 is CEST (+2): three hours apart, not four.
    expect(body).toEqual({ account: null, kind: 'once', startsAt: Date.UTC(2026, 2, 29, 0, 0), endsAt: Date.UTC(2026, 2, 29, 3, 0), reason: 'r' })
  })

  it('refuses an end before the start, a missing reason and a duration outside 1..1440', () => {
    expect(maintenanceBody(form({ start: '2026-03-29T05:00', end: '2026-03-29T04:00' }), 'Europe/Berlin').errors).toEqual({ times: 'endAfterStart' })
    expect(maintenanceBody(form({ start: '2026-03-29T05:00', end: '2026-03-29T06:00', reason: ' ' }), 'Europe/Berlin').errors).toEqual({ reason: 'reasonRequired' })
    expect(maintenanceBody(form({ kind: 'weekly', durationMinutes: '1441' }), 'Europe/Berlin').errors).toEqual({ duration: 'durationRange' })
  })

  it('knows when a weekly window that covers now ends, in its own zone', () => {
    // Sunday 02:30 does not exist on 2026-03-29: the window starts at 03:00 CEST and lasts 90 min.
    expect(coveringEnd({ ...pageWindow, next: null }, Date.UTC(2026, 2, 29, 1, 10))).toBe(Date.UTC(2026, 2, 29, 2, 30))
    expect(coveringEnd({ ...pageWindow, next: null }, Date.UTC(2026, 2, 22, 2, 0))).toBe(Date.UTC(2026, 2, 22, 3, 0))
    expect(coveringEnd({ ...pageWindow, next: null }, Date.UTC(2026, 2, 28, 1, 0))).toBeNull()
  })
})

describe('the maintenance panel', () => {
  it('lets an admin create a one-off window typed in the team zone', async () => {
    const { fetch, sent } = fakeFetch(dashboardRoutes('admin', { ...BERLIN, 'POST /api/maintenance': new Reply(201, {}) }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    fireEvent.click(await screen.findByText('Добавить окно'))
    const dialog = await screen.findByTestId('maintenance-dialog')
    expect(dialog.textContent).toContain('Europe/Berlin')

    fireEvent.change(within(dialog).getByTestId('maintenance-account'), { target: { value: 'demo' } })
    fireEvent.change(within(dialog).getByTestId('maintenance-start'), { target: { value: '2026-03-29T01:00' } })
    fireEvent.change(within(dialog).getByTestId('maintenance-end'), { target: { value: '2026-03-29T05:00' } })
    fireEvent.click(dialog.querySelector('[data-action="maintenance-submit"]')!)
    expect(within(dialog).getByRole('alert').textContent).toBe('Укажите причину (до 500 символов)')

    fireEvent.change(within(dialog).getByTestId('maintenance-reason'), { target: { value: 'amoCRM upgrade' } })
    fireEvent.click(dialog.querySelector('[data-action="maintenance-submit"]')!)

    await waitFor(() => expect(screen.queryByTestId('maintenance-dialog')).toBeNull())
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { account: 'demo', kind: 'once', startsAt: Date.UTC(2026, 2, 29, 0, 0), endsAt: Date.UTC(2026, 2, 29, 3, 0), reason: 'amoCRM upgrade' },
    ])
  })

  it('lets an admin create a weekly window', async () => {
    const { fetch, sent } = fakeFetch(dashboardRoutes('admin', { ...BERLIN, 'POST /api/maintenance': new Reply(403, { detail: 'admin role needed' }) }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    fireEvent.click(await screen.findByText('Добавить окно'))
    const dialog = await screen.findByTestId('maintenance-dialog')

    fireEvent.click(within(dialog).getByTestId('maintenance-weekly'))
    fireEvent.change(within(dialog).getByTestId('maintenance-weekday'), { target: { value: '6' } })
    fireEvent.change(within(dialog).getByTestId('maintenance-time'), { target: { value: '02:30' } })
    fireEvent.change(within(dialog).getByTestId('maintenance-duration'), { target: { value: '90' } })
    fireEvent.change(within(dialog).getByTestId('maintenance-reason'), { target: { value: 'backups' } })
    fireEvent.click(dialog.querySelector('[data-action="maintenance-submit"]')!)

    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe('Недостаточно прав: admin role needed'))
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { account: null, kind: 'weekly', weekday: 6, startTime: '02:30', durationMinutes: 90, reason: 'backups' },
    ])
  })

  it('lists page and configuration windows with the next occurrence, and deletes only page ones', async () => {
    let windows = [pageWindow, configWindow]
    const { fetch, sent } = fakeFetch(dashboardRoutes('admin', {
      ...BERLIN,
      '/api/maintenance': () => windows,
      'DELETE /api/maintenance/4': () => {
        windows = [configWindow]
        return new Reply(204)
      },
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    const item = await waitFor(() => {
      const found = document.querySelector('[data-maintenance="4"]') as HTMLElement | null
      expect(found).toBeTruthy()
      return found!
    })
    expect(item.textContent).toContain('еженедельно: воскресенье, 02:30, 90 мин')
    expect(item.textContent).toContain('ближайшее: 22.03, 02:30 – 22.03, 04:00')
    expect(document.querySelector('[data-maintenance="0"]')?.textContent).toContain('из настроек')
    expect(document.querySelector('[data-maintenance="0"] [data-action]')).toBeNull()

    fireEvent.click(item.querySelector('[data-action="maintenance-delete"]')!)
    await waitFor(() => expect(document.querySelector('[data-maintenance="4"]')).toBeNull())
    expect(sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/maintenance/4'])
  })

  it('shows an operator the windows but no way to change them', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('operator', { ...BERLIN, '/api/maintenance': [pageWindow] })).fetch)
    render(<App />)
    await waitFor(() => expect(document.querySelector('[data-maintenance="4"]')).toBeTruthy())
    expect(document.querySelector('.maintenance [data-action]')).toBeNull()
  })
})
