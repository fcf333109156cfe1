import { describe, expect, it } from 'vitest'
import documentText from '../openapi.json?raw'
import generatedText from './api.gen.ts?raw'
import { generate } from '../scripts/gen-api.mjs'

describe('generated API types', () => {
  it('are what the generator makes of the committed OpenAPI document (else run `npm run gen:api`)', () => {
    expect(generatedText).toBe(generate(JSON.parse(documentText)))
  })
})
