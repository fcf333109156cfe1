import type { Translate } from '../i18n'
import type { StreamState } from '../useStream'

/** Live, connecting, or reconnecting in N s: the state of the stream, announced politely. */
export function ConnectionBadge(props: { state: StreamState; now: number; t: Translate }) {
  const { state, now, t } = props
  const text =
    state.kind === 'live'
      ? t('live')
      : state.kind === 'connecting'
        ? t('connecting')
        : t('reconnecting', { s: Math.max(0, Math.ceil((state.retryAt - now) / 1000)) })
  return (
    <p className={`connection connection-${state.kind}`} role="status" aria-live="polite" data-testid="connection" data-state={state.kind}>
      <span className="dot" aria-hidden="true" />
      {text}
    </p>
  )
}
