import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { App } from './App'
import { fakeFetch, Reply } from './test/fakes'
import { card, dashboardRoutes, incident, useDashboardEnvironment } from './test/dashboard'
import { localDate, zonedToUtc } from './teamTime'

useDashboardEnvironment()

const row = (id = 7) => document.querySelector(`[data-incident="${id}"]`) as HTMLElement
const todayAt = (time: string) => zonedToUtc(localDate(Date.now(), 'Europe/Moscow'), time, 'Europe/Moscow')

describe('who am I and roles', () => {
  it('says in the header who is signed in and with which role', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('operator')).fetch)
    render(<App />)
    await waitFor(() => expect(screen.getByTestId('who').textContent).toBe('anna (оператор)'))
  })

  it('without sign-in calls the user anonymous (admin) and says it is for development only', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes(null)).fetch)
    render(<App />)
    await waitFor(() => expect(screen.getByTestId('who').textContent).toContain('аноним (админ)'))
    expect(screen.getByTestId('who').textContent).toContain('только для разработки')
  })

  it('shows a viewer no action at all, only what is going on', async () => {
    const silence = { id: 3, account: 'demo', checkType: 'GET', startsAt: Date.now() - 1000, endsAt: Date.now() + 3_600_000, reason: 'deploy', createdBy: 'boris', createdAt: 0, endOnRecovery: false }
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('viewer', { '/api/incidents': [incident()], '/api/silences': [silence] })).fetch)
    render(<App />)
    await waitFor(() => expect(row()).toBeTruthy())
    await waitFor(() => expect(card('GET').textContent).toContain('заглушено до'))

    expect(document.querySelectorAll('[data-action]')).toHaveLength(0)
    fireEvent.click(within(row()).getByText('Хронология'))
    await waitFor(() => expect(screen.getByTestId('timeline')).toBeTruthy())
    expect(screen.queryByTestId('note-text')).toBeNull()
    expect(document.querySelectorAll('[data-action]')).toHaveLength(0)
  })

  it('offers an operator the actions', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('operator', { '/api/incidents': [incident()] })).fetch)
    render(<App />)
    await waitFor(() => expect(row().querySelector('[data-action="ack"]')).toBeTruthy())
    expect(card('GET').querySelector('[data-action="silence"]')).toBeTruthy()
    expect(document.querySelector('[data-action="maintenance-add"]')).toBeNull()
  })
})

describe('taking an incident', () => {
  it('posts the ack and shows who took it since when, in the team zone', async () => {
    const at = todayAt('03:12')
    let taken = false
    const { fetch, sent } = fakeFetch(dashboardRoutes('operator', {
      '/api/incidents': () => [incident(taken ? { acknowledgedBy: 'anna', acknowledgedAt: at } : {})],
      'POST /api/incidents/7/ack': () => {
        taken = true
        return incident({ acknowledgedBy: 'anna', acknowledgedAt: at })
      },
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    await waitFor(() => expect(row().querySelector('[data-action="ack"]')).toBeTruthy())

    fireEvent.click(row().querySelector('[data-action="ack"]')!)

    await waitFor(() => expect(within(row()).getByTestId('taken').textContent).toBe('в работе: anna, с 03:12'))
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/incidents/7/ack'])
    expect(row().querySelector('[data-action="ack"]')).toBeNull()
    await waitFor(() => expect(card('GET').querySelector('[data-testid="card-taken"]')?.textContent).toBe('в работе: anna'))
    expect(screen.queryByTestId('timeline')).toBeNull()
  })

  it('shows in English who took it', async () => {
    localStorage.setItem('amohealth.lang', 'en')
    const at = todayAt('03:12')
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('operator', { '/api/incidents': [incident({ acknowledgedBy: 'anna', acknowledgedAt: at })] })).fetch)
    render(<App />)
    await waitFor(() => expect(row()).toBeTruthy())
    expect(within(row()).getByTestId('taken').textContent).toBe('taken by anna since 03:12')
  })

  it('says why the ack was refused: taken already, or not allowed', async () => {
    const { fetch } = fakeFetch(dashboardRoutes('operator', {
      '/api/incidents': [incident(), incident({ id: 8, checkType: 'POST' })],
      'POST /api/incidents/7/ack': new Reply(409, { title: 'Conflict', status: 409, detail: 'Already taken by boris' }),
      'POST /api/incidents/8/ack': new Reply(403, { title: 'Forbidden', status: 403, detail: 'operator role needed' }),
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    await waitFor(() => expect(row(8)).toBeTruthy())

    fireEvent.click(row(7).querySelector('[data-action="ack"]')!)
    fireEvent.click(row(8).querySelector('[data-action="ack"]')!)

    await waitFor(() => expect(within(row(7)).getByRole('alert').textContent).toContain('Already taken by boris'))
    await waitFor(() => expect(within(row(8)).getByRole('alert').textContent).toBe('Недостаточно прав: operator role needed'))
  })
})

describe('incident text in the page language', () => {
  it('shows the kind in Russian first and the Prober English text only as a secondary detail', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('viewer', {
      '/api/incidents': [incident(), incident({ id: 8, checkType: 'HOOK', failureKind: 'no_delivery', details: 'No webhook within 20 s' })],
    })).fetch)
    render(<App />)
    await waitFor(() => expect(row(8)).toBeTruthy())

    const details = row().querySelector('.details')!
    expect(details.querySelector('.details-main')?.textContent).toBe('Не работает')
    expect(details.querySelector('.details-raw')?.getAttribute('lang')).toBe('en')
    expect(details.firstElementChild?.textContent).not.toContain('HTTP 503')
    expect(row(8).querySelector('.details-main')?.textContent).toBe('Вебхук не доставлен вовремя')
  })
})

describe('the timeline', () => {
  const detail = {
    incident: incident({ acknowledgedBy: 'anna', acknowledgedAt: todayAt('03:12') }),
    timeline: [
      { id: 1, at: Date.now() - 60_000, kind: 'opened', actor: null, text: 'GET HTTP 503 ×3', isPublic: false },
      { id: 2, at: Date.now() - 50_000, kind: 'reminder', actor: null, text: null, isPublic: false },
      { id: 3, at: Date.now() - 40_000, kind: 'escalated', actor: null, text: 'step 1: oncall', isPublic: false },
      { id: 4, at: Date.now() - 30_000, kind: 'acknowledged', actor: 'anna', text: null, isPublic: false },
      { id: 5, at: Date.now() - 20_000, kind: 'silenced', actor: 'anna', text: 'deploy', isPublic: false },
      { id: 6, at: Date.now() - 10_000, kind: 'note', actor: 'anna', text: 'amoCRM confirms', isPublic: true },
      { id: 7, at: Date.now() - 5_000, kind: 'unsilenced', actor: 'anna', text: null, isPublic: false },
      { id: 8, at: Date.now(), kind: 'closed', actor: null, text: null, isPublic: false },
    ],
  }

  it('lists every entry with its time, who and text, and closes on Escape', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('viewer', { '/api/incidents': [incident()], '/api/incidents/7': detail })).fetch)
    render(<App />)
    await waitFor(() => expect(row()).toBeTruthy())
    const opener = within(row()).getByText('Хронология')
    opener.focus()
    fireEvent.click(opener)

    await waitFor(() => expect(screen.getByTestId('timeline').querySelectorAll('.timeline li')).toHaveLength(8))
    const items = [...screen.getByTestId('timeline').querySelectorAll('.timeline li')].map((li) => li.textContent)
    expect(items[0]).toContain('Открыт')
    expect(items[0]).toContain('GET HTTP 503 ×3')
    expect(items[2]).toContain('Эскалация')
    expect(items[3]).toContain('Взят в работу')
    expect(items[3]).toContain('anna')
    expect(items[5]).toContain('Заметка')
    expect(items[5]).toContain('публичная')
    expect(items[7]).toContain('Закрыт')
    expect(screen.getByRole('dialog').getAttribute('aria-modal')).toBe('true')

    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' })
    expect(screen.queryByTestId('timeline')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('tells the close and the take in the page language, keeping the Prober text as a tooltip', async () => {
    const closed = incident({ endTime: Date.now(), duration: 155_000, acknowledgedBy: 'anna', acknowledgedAt: Date.now() - 60_000 })
    const story = {
      incident: closed,
      timeline: [
        { id: 1, at: Date.now() - 60_000, kind: 'acknowledged', actor: 'anna', text: 'mattermost', isPublic: false },
        { id: 2, at: Date.now(), kind: 'closed', actor: null, text: 'lasted 2 min 35 s; handled by anna', isPublic: false },
      ],
    }
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('viewer', { '/api/incidents': [closed], '/api/incidents/7': story })).fetch)
    render(<App />)
    await waitFor(() => expect(document.querySelector('.incidents-table tbody tr')).toBeTruthy())
    fireEvent.click(within(document.querySelector('.incidents-table tbody tr') as HTMLElement).getByText('Хронология'))

    await waitFor(() => expect(screen.getByTestId('timeline').querySelectorAll('.timeline li')).toHaveLength(2))
    const texts = [...screen.getByTestId('timeline').querySelectorAll('.timeline-text')]
    expect(texts[0].textContent).toBe('кнопкой в Mattermost')
    expect(texts[1].textContent).toBe('длился 2 мин 35 с; разобрал(а): anna')
    expect(texts[1].getAttribute('title')).toBe('lasted 2 min 35 s; handled by anna')
  })

  it('closes on Escape even when focus fell out of it to the page body', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('viewer', { '/api/incidents': [incident()], '/api/incidents/7': detail })).fetch)
    render(<App />)
    await waitFor(() => expect(row()).toBeTruthy())
    fireEvent.click(within(row()).getByText('Хронология'))
    await waitFor(() => expect(screen.getByTestId('timeline')).toBeTruthy())

    ;(document.activeElement as HTMLElement | null)?.blur()
    fireEvent.keyDown(document.body, { key: 'Escape' })

    expect(screen.queryByTestId('timeline')).toBeNull()
  })

  it('adds a note, internal unless ticked public, and shows the Api refusal inline', async () => {
    let refuse = true
    const { fetch, sent } = fakeFetch(dashboardRoutes('operator', {
      '/api/incidents': [incident()],
      '/api/incidents/7': detail,
      'POST /api/incidents/7/notes': (_: URL, r: { body: unknown }) =>
        refuse
          ? new Reply(400, { title: 'Bad request', status: 400, detail: 'text must be 1..2000 characters' })
          : new Reply(201, { id: 9, at: Date.now(), kind: 'note', actor: 'anna', text: (r.body as { text: string }).text, isPublic: true }),
    }))
    vi.stubGlobal('fetch', fetch)
    render(<App />)
    await waitFor(() => expect(row()).toBeTruthy())
    fireEvent.click(within(row()).getByText('Хронология'))
    await waitFor(() => expect(screen.getByTestId('note-text')).toBeTruthy())

    fireEvent.click(screen.getByText('Добавить заметку'))
    expect(screen.getByTestId('timeline').querySelector('[role="alert"]')?.textContent).toBe('Напишите текст заметки')
    expect(sent.some((r) => r.method === 'POST')).toBe(false)

    fireEvent.change(screen.getByTestId('note-text'), { target: { value: '  restarted the integration ' } })
    fireEvent.click(screen.getByTestId('note-public'))
    fireEvent.click(screen.getByText('Добавить заметку'))
    await waitFor(() => expect(screen.getByTestId('timeline').querySelector('[role="alert"]')?.textContent).toContain('text must be 1..2000 characters'))

    refuse = false
    fireEvent.click(screen.getByText('Добавить заметку'))
    await waitFor(() => expect(screen.getByTestId('timeline').querySelectorAll('.timeline li')).toHaveLength(9))
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { text: 'restarted the integration', isPublic: true },
      { text: 'restarted the integration', isPublic: true },
    ])
    expect(screen.getByTestId('timeline').querySelector('.timeline li:last-child')?.textContent).toContain('restarted the integration')
  })

  it('keeps Tab inside the dialog', async () => {
    vi.stubGlobal('fetch', fakeFetch(dashboardRoutes('operator', { '/api/incidents': [incident()], '/api/incidents/7': detail })).fetch)
    render(<App />)
    await waitFor(() => expect(row()).toBeTruthy())
    fireEvent.click(within(row()).getByText('Хронология'))
    await waitFor(() => expect(screen.getByTestId('note-text')).toBeTruthy())
    const dialog = screen.getByRole('dialog')
    expect(dialog.contains(document.activeElement)).toBe(true)

    const last = [...dialog.querySelectorAll('button')].pop()!
    act(() => last.focus())
    fireEvent.keyDown(dialog, { key: 'Tab' })
    expect(document.activeElement).toBe(dialog.querySelector('.dialog-close'))
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(last)
  })
})
