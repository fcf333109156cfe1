import { render, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { App } from './App'
import css from './styles.css?raw'
import { fakeFetch } from './test/fakes'
import { dashboardRoutes, useDashboardEnvironment } from './test/dashboard'

useDashboardEnvironment()

/** The declarations of the first rule whose selector list is exactly `selector`. */
function rule(selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|\\n|})\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(css)?.[2] ?? ''
}

describe('the summary table on a phone (390 px)', () => {
  it('scrolls sideways in its own container instead of breaking check names and numbers', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('viewer')).fetch)
    render(<App />)
    await waitFor(() => expect(document.querySelector('[data-stats="GET"] td')?.textContent).toBe('99.50%'))

    const table = document.querySelector('table.stats-table') as HTMLElement
    expect(table.parentElement?.classList.contains('table-scroll')).toBe(true)
    // Reachable by keyboard to scroll it.
    expect(table.parentElement?.getAttribute('tabindex')).toBe('0')
    expect(rule('.stats-table th, .stats-table td')).toMatch(/white-space:\s*nowrap/)
    expect(rule('.stats-table th, .stats-table td')).toMatch(/overflow-wrap:\s*normal/)
    expect(rule('.table-scroll')).toMatch(/overflow-x:\s*auto/)
    // A visually hidden label in a cell is absolutely positioned: without this it widens the whole page.
    expect(rule('.table-scroll')).toMatch(/position:\s*relative/)
  })

  it('says under the figures that uptime counts maintenance windows, as the Api reports', async () => {
    const stats = ['GET', 'POST', 'WEB', 'HOOK', 'DP'].map((c) => ({
      account: 'demo', checkType: c, total: 10, up: 10, uptime: 99.5, uptimeByTime: 100, avg: 100, p50: 100, p95: 484,
      p99: 300, min: 90, max: 310, incidents: 0, mttr: null, uptimeExcludesMaintenance: false,
    }))
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('viewer', { '/api/stats': stats })).fetch)
    render(<App />)

    await waitFor(() => expect(document.querySelector('[data-testid="uptime-maintenance"]')?.textContent)
      .toBe('Доступность считается вместе с окнами обслуживания: они не исключаются.'))
  })

  it('keeps dialogs inside the screen', () => {
    expect(rule('.dialog')).toMatch(/width:\s*min\(560px, 100%\)/)
    expect(rule('.dialog')).toMatch(/max-height:\s*calc\(100vh - 16px\)/)
    expect(rule('.backdrop')).toMatch(/position:\s*fixed/)
  })
})
