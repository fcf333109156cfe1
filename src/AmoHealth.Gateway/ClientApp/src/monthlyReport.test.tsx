import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { MonthlyReportPanel, teamMonth } from './components/MonthlyReportPanel'
import { translator } from './i18n'
import css from './styles.css?raw'

// 2026-11-30 21:30 UTC is already December 1st in Moscow, still November 30th in Berlin.
const NOW = Date.UTC(2026, 10, 30, 21, 30)

describe('the monthly report panel', () => {
  it('defaults to the last full month in the team zone', () => {
    expect(teamMonth(NOW, 'Europe/Moscow', 1)).toBe('2026-11')
    expect(teamMonth(NOW, 'Europe/Berlin', 1)).toBe('2026-10')
    expect(teamMonth(Date.UTC(2027, 0, 10), 'Europe/Moscow', 1)).toBe('2026-12')
  })

  it('links to the printable page in the dashboard language and to the CSV, for the month and account chosen', () => {
    render(<MonthlyReportPanel accounts={['acme', 'beta']} account="acme" zone="Europe/Moscow" now={NOW} t={translator('ru')} lang="ru" />)

    expect(screen.getByRole('heading', { name: 'Отчёт за месяц' })).toBeTruthy()
    const html = () => document.querySelector('[data-report="html"]')!.getAttribute('href')
    const csv = () => document.querySelector('[data-report="csv"]')!.getAttribute('href')
    expect(html()).toBe('/api/reports/monthly?month=2026-11&account=acme&format=html&lang=ru')
    expect(csv()).toBe('/api/reports/monthly?month=2026-11&account=acme&format=csv')
    expect(document.querySelector('[data-report="csv"]')!.hasAttribute('download')).toBe(true)

    fireEvent.change(document.querySelector('[data-report="month"]')!, { target: { value: '2026-09' } })
    fireEvent.change(document.querySelector('[data-report="account"]')!, { target: { value: '' } })
    expect(html()).toBe('/api/reports/monthly?month=2026-09&format=html&lang=ru')

    // A month that has not begun in the team zone is never asked for.
    fireEvent.change(document.querySelector('[data-report="month"]')!, { target: { value: '2027-01' } })
    expect(csv()).toBe('/api/reports/monthly?month=2026-11&format=csv')
  })

  it('reads in English and wraps on a phone', () => {
    render(<MonthlyReportPanel accounts={['acme']} account="acme" zone="Europe/Moscow" now={NOW} t={translator('en')} lang="en" />)

    expect(screen.getByRole('heading', { name: 'Monthly report' })).toBeTruthy()
    expect(screen.getByText('CSV')).toBeTruthy()
    expect(css).toMatch(/\.monthly-report-form\s*\{[^}]*flex-wrap:\s*wrap/)
  })
})
