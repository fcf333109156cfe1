import { useState } from 'react'
import { send } from '../api'
import type { Lang, Translate } from '../i18n'
import type { Role, Silence } from '../onCallTypes'
import { allows } from '../roles'
import { teamTime } from '../teamTime'
import { actionError } from './actionError'
import { activeSilence } from './CardOnCall'

/** Above the cards: the account's whole-account silences and the action to silence it. */
export function AccountOnCall(props: {
  account: string
  silences: Silence[]
  role: Role
  zone: string
  now: number
  t: Translate
  lang: Lang
  onSilence: () => void
  onChanged: () => void
}) {
  const { account, silences, role, zone, now, t, lang, onSilence, onChanged } = props
  const [error, setError] = useState<string | null>(null)
  const operator = allows(role, 'operator')
  const whole = silences.filter((s) => s.account === account && s.checkType === null && activeSilence(s, now))
  if (!account || (!operator && whole.length === 0)) return null

  const end = async (id: number) => {
    setError(null)
    try {
      await send('DELETE', `/api/silences/${id}`)
      onChanged()
    } catch (reason) {
      setError(actionError(reason, t))
    }
  }

  return (
    <div className="account-oncall">
      {whole.map((s) => (
        <p className="banner banner-warn quiet" key={s.id} data-account-silence={s.id}>
          {t('accountSilencedUntil', { account, time: teamTime(s.endsAt, zone, lang, now), reason: s.reason })}{' '}
          {operator ? (
            <button type="button" className="action small" data-action="end-silence" onClick={() => void end(s.id)}>
              {t('endSilence')}
            </button>
          ) : null}
        </p>
      ))}
      {error ? <p className="action-error" role="alert">{error}</p> : null}
      {operator ? (
        <button type="button" className="action" data-action="silence-account" onClick={onSilence}>
          {t('silenceAccount')}
        </button>
      ) : null}
    </div>
  )
}
