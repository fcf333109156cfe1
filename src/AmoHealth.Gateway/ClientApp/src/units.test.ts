import { describe, expect, it } from 'vitest'
import { defaultLang, translator } from './i18n'
import { duration, percent } from './format'
import { downSpans } from './components/ResponseChart'
import { backoff } from './useStream'
import type { HistoryPoint } from './api'

const point = (timestamp: number, status: string, bucketMs = 0): HistoryPoint => ({
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
