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

export type Routes = Record<string, unknown | ((url: URL, request: Sent) => unknown)>

/** One request as the page sent it. */
export interface Sent {
  method: string
  path: string
  body: unknown
}

/** A canned answer with a status: a problem document (4xx/5xx) or an empty 204. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
  ) {}
}

/**
 * Routes fetch by path to canned JSON; records every call. A route that is an Error fails the request; a Reply
 * answers with its status (problem+json for errors).
 */
export function fakeFetch(routes: Routes) {
  const calls: string[] = []
  const sent: Sent[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost')
    calls.push(url.pathname + url.search)
    const request: Sent = {
      method: init?.method ?? 'GET', path: url.pathname + url.search, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    sent.push(request)
    const route = routes[`${request.method} ${url.pathname}`] ?? (request.method === 'GET' ? routes[url.pathname] : undefined)
    const body = typeof route === 'function' ? (route as (u: URL, r: Sent) => unknown)(url, request) : route
    if (body === undefined) return new Response('{"title":"Not found"}', { status: 404 })
    if (body instanceof Error) throw new TypeError(body.message)
    if (body instanceof Reply) {
      if (body.status === 204) return new Response(null, { status: 204 })
      const type = body.status >= 400 ? 'application/problem+json' : 'application/json'
      return new Response(JSON.stringify(body.body), { status: body.status, headers: { 'Content-Type': type } })
    }
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  })
  return { fetch, calls, sent }
}

export function status(checkType: string, overrides: Record<string, unknown> = {}) {
  return {
    account: 'demo', checkType, status: 'up', outcome: 'up', failureKind: 'none', responseTime: 120, lastCheck: Date.now() - 2000,
    errorMessage: null, httpStatus: 200, tokenExpiresAt: null, tokenDaysLeft: null, ...overrides,
  }
}
