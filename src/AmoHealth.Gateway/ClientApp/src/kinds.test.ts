import { describe, expect, it } from 'vitest'
import { FAILURE_KINDS, OUTCOMES } from './api.gen'
import { KIND_TEXT } from './components/errorText'
import { dictionaries, type Key } from './i18n'

describe('failure kinds', () => {
  it('each kind the Api names has a Russian and an English text', () => {
    for (const kind of FAILURE_KINDS) {
      const key = KIND_TEXT[kind]
      expect(key, kind).toBeTruthy()
      expect(dictionaries.ru[key], kind).toBeTruthy()
      expect(dictionaries.en[key], kind).toBeTruthy()
    }
    expect(Object.keys(KIND_TEXT).sort()).toEqual([...FAILURE_KINDS].sort())
  })
})

describe('outcomes', () => {
  it('each outcome the Api names has a Russian and an English name', () => {
    for (const outcome of OUTCOMES) {
      expect(dictionaries.ru[outcome as Key], outcome).toBeTruthy()
      expect(dictionaries.en[outcome as Key], outcome).toBeTruthy()
    }
  })
})
