import { useEffect, useRef, useState } from 'react'
import type { Incident, StatusUpdate } from './api'

export type StreamState = { kind: 'connecting' } | { kind: 'live' } | { kind: 'reconnecting'; retryAt: number }

export interface StreamHandlers {
  onStatus: (update: StatusUpdate) => void
  onIncident: (type: 'incident_opened' | 'incident_closed', incident: Incident) => void
  /** Called when the stream is back after a loss: what happened meanwhile must be read again. */
  onReconnected: () => void
}

const MAX_BACKOFF_MS = 30_000
/** Heartbeats come every 15 s; a stream silent for longer than this is dead even if the socket is not. */
const SILENCE_MS = 45_000

export function backoff(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt - 1))
}

/**
 * Follows /api/stream. On loss it closes the EventSource and reconnects itself with exponential backoff
 * (1, 2, 4 … 30 s) instead of the browser's fixed retry, and reports the state for the indicator.
 */
export function useStream(handlers: StreamHandlers, url = '/api/stream'): StreamState {
  const [state, setState] = useState<StreamState>({ kind: 'connecting' })
  const handlersRef = useRef(handlers)
  handlersRef.current = handlers

  useEffect(() => {
    let source: EventSource | null = null
    let attempt = 0
    let everOpen = false
    let retryTimer: ReturnType<typeof setTimeout> | undefined
    let silenceTimer: ReturnType<typeof setTimeout> | undefined
    let stopped = false

    const alive = () => {
      clearTimeout(silenceTimer)
      silenceTimer = setTimeout(() => fail(), SILENCE_MS)
    }

    const fail = () => {
      if (stopped) return
      source?.close()
      source = null
      clearTimeout(silenceTimer)
      attempt += 1
      const delay = backoff(attempt)
      setState({ kind: 'reconnecting', retryAt: Date.now() + delay })
      clearTimeout(retryTimer)
      retryTimer = setTimeout(connect, delay)
    }

    const connect = () => {
      if (stopped) return
      const es = new EventSource(url)
      source = es
      es.onopen = () => {
        const reconnected = everOpen || attempt > 0
        everOpen = true
        attempt = 0
        setState({ kind: 'live' })
        alive()
        if (reconnected) handlersRef.current.onReconnected()
      }
      es.onerror = () => fail()
      es.onmessage = (event: MessageEvent<string>) => {
        alive()
        try {
          const update = JSON.parse(event.data) as StatusUpdate
          if (update.type === 'status_update') handlersRef.current.onStatus(update)
        } catch {
          // A malformed message is skipped; the next one will do.
        }
      }
      es.addEventListener('heartbeat', alive)
      for (const type of ['incident_opened', 'incident_closed'] as const) {
        es.addEventListener(type, (event) => {
          alive()
          try {
            handlersRef.current.onIncident(type, JSON.parse((event as MessageEvent<string>).data) as Incident)
          } catch {
            // As above.
          }
        })
      }
    }

    connect()
    return () => {
      stopped = true
      clearTimeout(retryTimer)
      clearTimeout(silenceTimer)
      source?.close()
    }
  }, [url])

  return state
}
