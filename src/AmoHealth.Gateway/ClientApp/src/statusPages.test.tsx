import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { App } from './App'
import { statusPageBody, suggestSlug } from './statusPages'
import { fakeFetch, Reply, type Sent } from './test/fakes'
import { dashboardRoutes, useDashboardEnvironment } from './test/dashboard'

useDashboardEnvironment()

const configPage = {
  slug: 'official', account: 'demo', title: 'Demo CRM', minIncidentMinutes: 5, indexing: true, language: 'ru', source: 'config',
  url: '/status/official',
}
const dashboardPage = { ...configPage, slug: 'sales', title: null, minIncidentMinutes: 0, indexing: false, source: 'page', url: '/status/sales' }

const panel = () => screen.findByTestId('status-pages')
const links = (root: HTMLElement) => [...root.querySelectorAll('a[data-testid="status-page-link"]')].map((a) => a.getAttribute('href'))

describe('status page addresses', () => {
  it('suggests an address from the account name', () => {
    expect(suggestSlug('sales.amocrm.ru')).toBe('sales-amocrm-ru')
    expect(suggestSlug('127.0.0.1:3100')).toBe('127-0-0-1-3100')
    expect(suggestSlug('--Отдел продаж--')).toBe('status')
    expect(suggestSlug('x'.repeat(39) + '.y')).toBe('x'.repeat(39))
  })

  it('refuses a bad address, a long title and minutes outside 0..1440', () => {
    const form = { account: 'demo', slug: 'demo', title: '', minIncidentMinutes: '0', indexing: false }
    expect(statusPageBody(form).body).toEqual({ account: 'demo', title: null, minIncidentMinutes: 0, indexing: false })
    expect(statusPageBody({ ...form, slug: 'Demo page' }).errors).toEqual({ slug: 'pageSlugInvalid' })
    expect(statusPageBody({ ...form, title: 't'.repeat(81) }).errors).toEqual({ title: 'pageTitleTooLong' })
    expect(statusPageBody({ ...form, minIncidentMinutes: '1441' }).errors).toEqual({ minutes: 'pageMinIncidentRange' })
    expect(statusPageBody({ ...form, account: '' }).errors).toEqual({ account: 'accountRequired' })
  })
})

describe('the status pages panel', () => {
  it('shows a viewer every page with its link, configuration pages marked, and no way to change them', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('viewer', { '/api/status-pages': [configPage, dashboardPage] })).fetch)
    render(<App />)
    const section = await panel()

    await waitFor(() => expect(links(section)).toEqual(['/status/official', '/status/sales']))
    expect(section.querySelector('[data-status-page="official"]')?.textContent).toContain('из настроек')
    expect(section.querySelector('[data-status-page="sales"]')?.textContent).not.toContain('из настроек')
    expect(section.querySelector('[data-action^="status-page"]')).toBeNull()
    expect(within(section).queryByText('Опубликовать страницу')).toBeNull()
  })

  it('hides the publish controls from an operator too', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('operator', { '/api/status-pages': [dashboardPage] })).fetch)
    render(<App />)
    const section = await panel()

    await waitFor(() => expect(links(section)).toEqual(['/status/sales']))
    expect(section.querySelector('[data-action^="status-page"]')).toBeNull()
  })

  it('lets an admin publish an account at an address suggested from its name, and lists it', async () => {
    let published = false
    const { fetch, sent } = fakeFetch(dashboardRoutes('admin', {
      '/api/status-pages': () => (published ? [configPage, { ...dashboardPage, slug: 'demo', url: '/status/demo' }] : [configPage]),
      'PUT /api/status-pages/demo': (_: URL, request: Sent) => {
        published = true
        return new Reply(201, { ...dashboardPage, ...(request.body as object), slug: 'demo', url: '/status/demo' })
      },
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    const section = await panel()
    await waitFor(() => expect(links(section)).toEqual(['/status/official']))
    // A page of the configuration is not the dashboard's to change.
    expect(section.querySelector('[data-status-page="official"] [data-action]')).toBeNull()

    fireEvent.click(within(section).getByText('Опубликовать страницу'))
    const dialog = await screen.findByTestId('status-page-dialog')
    fireEvent.change(within(dialog).getByTestId('status-page-account'), { target: { value: 'demo' } })
    expect((within(dialog).getByTestId('status-page-slug') as HTMLInputElement).value).toBe('demo')
    fireEvent.change(within(dialog).getByTestId('status-page-minutes'), { target: { value: '2000' } })
    fireEvent.click(dialog.querySelector('[data-action="status-page-submit"]')!)
    expect(within(dialog).getByRole('alert').textContent).toBe('От 0 до 1440 минут')

    fireEvent.change(within(dialog).getByTestId('status-page-minutes'), { target: { value: '3' } })
    fireEvent.change(within(dialog).getByTestId('status-page-title'), { target: { value: ' Demo ' } })
    fireEvent.click(dialog.querySelector('[data-action="status-page-submit"]')!)

    await waitFor(() => expect(screen.queryByTestId('status-page-dialog')).toBeNull())
    expect(sent.filter((r) => r.method === 'PUT').map((r) => [r.path, r.body])).toEqual([
      ['/api/status-pages/demo', { account: 'demo', title: 'Demo', minIncidentMinutes: 3, indexing: false }],
    ])
    await waitFor(() => expect(links(section)).toEqual(['/status/official', '/status/demo']))
  })

  it('takes a page down only after the admin confirms', async () => {
    const { fetch, sent } = fakeFetch(dashboardRoutes('admin', {
      '/api/status-pages': [dashboardPage],
      'DELETE /api/status-pages/sales': new Reply(204),
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    const section = await panel()
    fireEvent.click(await within(section).findByText('Снять с публикации'))
    const confirm = await screen.findByTestId('status-page-confirm')
    expect(confirm.textContent).toContain('/status/sales')
    fireEvent.click(within(confirm).getByText('Отмена'))
    expect(sent.some((r) => r.method === 'DELETE')).toBe(false)

    fireEvent.click(within(section).getByText('Снять с публикации'))
    fireEvent.click((await screen.findByTestId('status-page-confirm')).querySelector('[data-action="status-page-unpublish"]')!)

    await waitFor(() => expect(sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/status-pages/sales']))
  })

  it('edits a page of the dashboard at its own address', async () => {
    const { fetch, sent } = fakeFetch(dashboardRoutes('admin', {
      '/api/status-pages': [dashboardPage],
      'PUT /api/status-pages/sales': new Reply(200, dashboardPage),
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    fireEvent.click(await within(await panel()).findByText('Изменить'))
    const dialog = await screen.findByTestId('status-page-dialog')
    expect((within(dialog).getByTestId('status-page-slug') as HTMLInputElement).readOnly).toBe(true)
    fireEvent.click(within(dialog).getByTestId('status-page-indexing'))
    fireEvent.click(dialog.querySelector('[data-action="status-page-submit"]')!)

    await waitFor(() => expect(sent.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([
      { account: 'demo', title: null, minIncidentMinutes: 0, indexing: true },
    ]))
  })
})
