import { useEffect, useState } from 'react'
import { defaultLang, type Lang } from './i18n'

export type Theme = 'light' | 'dark'
export type Range = '1h' | '24h' | '7d' | '30d'
export const RANGE_HOURS: Record<Range, number> = { '1h': 1, '24h': 24, '7d': 168, '30d': 720 }

function stored<T extends string>(name: string, allowed: readonly T[], fallback: () => T): T {
  try {
    const value = localStorage.getItem(`amohealth.${name}`)
    if (value && (allowed as readonly string[]).includes(value)) return value as T
  } catch {
    // Storage may be off (private mode): defaults then.
  }
  return fallback()
}

/** A preference kept in localStorage. */
export function usePref<T extends string>(name: string, allowed: readonly T[], fallback: () => T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => stored(name, allowed, fallback))
  useEffect(() => {
    try {
      localStorage.setItem(`amohealth.${name}`, value)
    } catch {
      // As above.
    }
  }, [name, value])
  return [value, setValue]
}

export const useLang = () => usePref<Lang>('lang', ['ru', 'en'], () => defaultLang())

export const useTheme = () =>
  usePref<Theme>('theme', ['light', 'dark'], () =>
    typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
  )

export const useRange = () => usePref<Range>('range', ['1h', '24h', '7d', '30d'], () => '24h')
