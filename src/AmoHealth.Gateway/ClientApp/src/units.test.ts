import { describe, expect, it } from 'vitest'
import { defaultLang, translator } from './i18n'
import { axisTime, duration, percent, timeTicks } from './format'
import { errorText } from './components/errorText'
import { downSpans } from './components/ResponseChart'
import { backoff } from './useStream'
import type { HistoryPoint } from './api'

const point = (timestamp: number, status: 'up' | 'down', bucketMs = 0): HistoryPoint => ({
  account: 'a', checkType: 'GET', timestamp, status, responseTime: 1, min: 1, max: 1, p95: 1, count: 1,
  upCount: status === 'up' ? 1 : 0, bucketMs, errorMessage: null, dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: null,
})

describe('language', () => {
  it('is Russian by default and English only when the browser prefers it', () => {
    expect(defaultLang(['en-US', 'ru'])).toBe('en')
    expect(defaultLang(['ru-RU', 'en'])).toBe('ru')
    expect(defaultLang(['de-DE', 'fr'])).toBe('ru')
    expect(defaultLang([])).toBe('ru')
  })

  it('fills placeholders', () => {
    expect(translator('en')('reconnecting', { s: 4 })).toBe('Disconnected, reconnecting in 4 s')
    expect(translator('ru')('page', { n: 2 })).toBe('Стр. 2')
  })
})

describe('formatting', () => {
  it('writes durations in the largest two units', () => {
    expect(duration(85_000, 'ru')).toBe('1 мин 25 с')
    expect(duration(3 * 86_400_000 + 7_200_000, 'en')).toBe('3 d 2 h')
    expect(duration(null, 'en')).toBe('—')
  })

  it('writes uptime with two decimals, and 100% only when it is', () => {
    expect(percent(99.9)).toBe('99.90%')
    expect(percent(100)).toBe('100%')
    expect(percent(null)).toBe('—')
  })
})

describe('down shading', () => {
  it('joins adjacent down points and buckets into one span', () => {
    const spans = downSpans([point(0, 'up'), point(10, 'down'), point(20, 'down'), point(30, 'up'), point(40, 'down', 10)])
    expect(spans).toEqual([
      [10, 30],
      [40, 50],
    ])
  })
})

describe('reconnect backoff', () => {
  it('doubles from 1 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(backoff)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })
})

describe('time axis', () => {
  it('spans the whole window with round times and never the same label twice', () => {
    const to = new Date(2026, 11, 2, 13, 37).getTime()
    for (const [hours, most] of [[1, 6], [24, 6], [168, 7], [720, 6]] as const) {
      const from = to - hours * 3_600_000
      const ticks = timeTicks(from, to)
      expect(ticks.length).toBeGreaterThanOrEqual(3)
      expect(ticks.length).toBeLessThanOrEqual(most)
      expect(ticks.every((tick) => tick >= from && tick <= to)).toBe(true)
      // The ticks reach across the window, not one end of it.
      expect(ticks[ticks.length - 1] - ticks[0]).toBeGreaterThan((to - from) / 2)
      const labels = ticks.map((tick) => axisTime(tick, to - from, 'ru'))
      expect(new Set(labels).size).toBe(labels.length)
    }
    expect(timeTicks(to - 3_600_000, to).map((tick) => new Date(tick).getMinutes() % 10)).toEqual([0, 0, 0, 0, 0, 0])
    // A day's ticks name the date at midnight.
    const day = timeTicks(to - 86_400_000, to).map((tick) => axisTime(tick, 86_400_000, 'en'))
    expect(day).toContain('2 Dec')
  })
})

describe('card errors', () => {
  const base = {
    account: 'a', checkType: 'GET', status: 'down', outcome: 'down', responseTime: null, lastCheck: 0, httpStatus: null,
    tokenExpiresAt: null, tokenDaysLeft: null,
  } as const
  it('say what went wrong in the chosen language from the kind, whatever the Prober wrote', () => {
    const ru = translator('ru')
    const en = translator('en')
    expect(errorText({ ...base, failureKind: 'http_status', errorMessage: 'HTTP 503', httpStatus: 503 }, ru)).toBe('amoCRM ответил HTTP 503')
    expect(errorText({ ...base, failureKind: 'http_status', errorMessage: 'HTTP 503', httpStatus: 503 }, en)).toBe('amoCRM answered HTTP 503')
    expect(errorText({ ...base, failureKind: 'timeout', errorMessage: 'anything at all' }, ru)).toBe('Нет ответа за отведённое время')
    expect(errorText({ ...base, failureKind: 'no_delivery', errorMessage: 'No webhook delivery within 5000 ms' }, ru)).toBe('Вебхук не доставлен вовремя')
    expect(errorText({ ...base, outcome: 'throttled', failureKind: 'throttled', errorMessage: 'HTTP 429' }, ru)).toBe('amoCRM ограничил частоту запросов (429)')
    expect(errorText({ ...base, failureKind: 'offline', errorMessage: 'Timeout: AmoHealth itself is offline' }, en))
      .toBe("AmoHealth's server has no network; not amoCRM's fault")
    // A message that reads like another kind does not change the kind's text.
    expect(errorText({ ...base, failureKind: 'dns', errorMessage: 'Timeout: resolving' }, en)).toBe("amoCRM's host name does not resolve (DNS)")
  })
})
