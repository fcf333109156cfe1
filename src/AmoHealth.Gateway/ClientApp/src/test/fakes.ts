import { vi } from 'vitest'

/** A controllable EventSource: tests open it, send events and break it. */
export class FakeEventSource {
  static instances: FakeEventSource[] = []
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  onmessage: ((event: MessageEvent<string>) => void) | null = null
  closed = false
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>()

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this)
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  close() {
    this.closed = true
  }

  open() {
    this.onopen?.()
  }

  fail() {
    this.onerror?.()
  }

  send(data: unknown, type?: string) {
    const event = new MessageEvent('message', { data: JSON.stringify(data) })
    if (type) this.listeners.get(type)?.forEach((l) => l(event))
    else this.onmessage?.(event)
  }

  static latest(): FakeEventSource {
    return FakeEventSource.instances[FakeEventSource.instances.length - 1]
  }
}

export type Routes = Record<string, unknown | ((url: URL) => unknown)>

/** Routes fetch by path to canned JSON; records every call. A route that is an Error fails the request. */
export function fakeFetch(routes: Routes) {
  const calls: string[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost')
    calls.push(url.pathname + url.search)
    const route = routes[url.pathname]
    const body = typeof route === 'function' ? (route as (u: URL) => unknown)(url) : route
    if (body === undefined) return new Response('{"title":"Not found"}', { status: 404 })
    if (body instanceof Error) throw new TypeError(body.message)
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  })
  return { fetch, calls }
}

export function status(checkType: string, overrides: Record<string, unknown> = {}) {
  return {
    account: 'demo', checkType, status: 'up', outcome: 'up', failureKind: 'none', responseTime: 120, lastCheck: Date.now() - 2000,
    errorMessage: null, httpStatus: 200, tokenExpiresAt: null, tokenDaysLeft: null, ...overrides,
  }
}
