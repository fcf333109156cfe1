import { useState, type FormEvent } from 'react'
import { send, type CheckType } from '../api'
import type { Key, Translate } from '../i18n'
import type { NewSilence, Silence } from '../onCallTypes'
import { localDate, zonedToUtc } from '../teamTime'
import { actionError } from './actionError'
import { Dialog } from './Dialog'

export const MIN_MINUTES = 5
export const MAX_MINUTES = 10_080
const CHOICES = [
  { id: '30', label: 'min30' },
  { id: '60', label: 'hour1' },
  { id: '240', label: 'hours4' },
  { id: 'tomorrow', label: 'tomorrow9' },
  { id: 'custom', label: 'customMinutes' },
] as const satisfies readonly { id: string; label: Key }[]
type Choice = (typeof CHOICES)[number]['id']

/** Minutes from `now` until 09:00 tomorrow in the team's zone. */
export function minutesUntilTomorrowNine(now: number, zone: string): number {
  return Math.ceil((zonedToUtc(localDate(now, zone, 1), '09:00', zone) - now) / 60_000)
}

/** Silences a whole account or one check (when opened from its card) for a while, with a reason. */
export function SilenceDialog(props: {
  account: string
  checkType: CheckType | null
  zone: string
  now: number
  t: Translate
  onClose: () => void
  onSilenced: (silence: Silence | null) => void
}) {
  const { account, checkType, zone, now, t, onClose, onSilenced } = props
  const [scope, setScope] = useState<'check' | 'account'>(checkType ? 'check' : 'account')
  const [choice, setChoice] = useState<Choice>('60')
  const [custom, setCustom] = useState('')
  const [reason, setReason] = useState('')
  const [endOnRecovery, setEndOnRecovery] = useState(false)
  const [errors, setErrors] = useState<{ minutes?: string; reason?: string; submit?: string }>({})
  const [busy, setBusy] = useState(false)

  const minutes = choice === 'custom' ? Number(custom) : choice === 'tomorrow' ? minutesUntilTomorrowNine(now, zone) : Number(choice)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const found: typeof errors = {}
    if (!Number.isInteger(minutes) || minutes < MIN_MINUTES || minutes > MAX_MINUTES) found.minutes = t('minutesRange')
    if (!reason.trim() || reason.trim().length > 500) found.reason = t('reasonRequired')
    setErrors(found)
    if (found.minutes || found.reason) return
    const body: NewSilence = {
      account, checkType: scope === 'check' ? checkType : null, minutes, reason: reason.trim(), endOnRecovery,
    }
    setBusy(true)
    try {
      onSilenced(await send<Silence>('POST', '/api/silences', body))
      onClose()
    } catch (reason) {
      setErrors({ submit: actionError(reason, t) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title={t('silenceTitle')} closeLabel={t('close')} onClose={onClose} testId="silence-dialog">
      <form className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="hint">{t('silenceHint')}</p>
        {checkType ? (
          <fieldset>
            <legend>{t('scope')}</legend>
            <label className="check">
              <input type="radio" name="scope" checked={scope === 'check'} onChange={() => setScope('check')} data-testid="scope-check" />
              {t('scopeCheck', { check: checkType })}
            </label>
            <label className="check">
              <input type="radio" name="scope" checked={scope === 'account'} onChange={() => setScope('account')} data-testid="scope-account" />
              {t('scopeAccount', { account })}
            </label>
          </fieldset>
        ) : (
          <p>{t('scopeAccount', { account })}</p>
        )}
        <fieldset>
          <legend>{t('forHowLong')}</legend>
          <div className="choices">
            {CHOICES.map((c) => (
              <label className="check" key={c.id}>
                <input type="radio" name="duration" value={c.id} checked={choice === c.id} onChange={() => setChoice(c.id)} data-testid={`duration-${c.id}`} />
                {t(c.label)}
              </label>
            ))}
          </div>
          {choice === 'custom' ? (
            <input
              type="number" inputMode="numeric" min={MIN_MINUTES} max={MAX_MINUTES} value={custom} onChange={(e) => setCustom(e.target.value)}
              aria-label={t('customMinutes')} aria-invalid={errors.minutes ? true : undefined} data-testid="custom-minutes"
            />
          ) : null}
          {errors.minutes ? <p className="action-error" role="alert">{errors.minutes}</p> : null}
        </fieldset>
        <label className="field">
          {t('reason')}
          <input
            type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required
            aria-invalid={errors.reason ? true : undefined} data-testid="silence-reason"
          />
        </label>
        {errors.reason ? <p className="action-error" role="alert">{errors.reason}</p> : null}
        <label className="check">
          <input type="checkbox" checked={endOnRecovery} onChange={(e) => setEndOnRecovery(e.target.checked)} data-testid="end-on-recovery" />
          {t('endOnRecovery')}
        </label>
        {errors.submit ? <p className="action-error" role="alert">{errors.submit}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="action primary" data-action="silence-submit" disabled={busy}>
            {t('silence')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
