import { useState, type FormEvent } from 'react'
import { send } from '../api'
import type { Lang, Translate } from '../i18n'
import { maintenanceBody, type MaintenanceErrors, type MaintenanceForm } from '../maintenance'
import { localInput } from '../teamTime'
import { actionError } from './actionError'
import { Dialog } from './Dialog'

export function weekdayName(weekday: number, lang: Lang): string {
  // 2023-01-01 was a Sunday: weekday 0, as the Api counts.
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + weekday))
}

/** A new maintenance window (admins): one-off between two local times, or weekly, in the team's zone. */
export function MaintenanceDialog(props: {
  accounts: string[]
  zone: string
  now: number
  t: Translate
  lang: Lang
  onClose: () => void
  onCreated: () => void
}) {
  const { accounts, zone, now, t, lang, onClose, onCreated } = props
  const hour = Math.ceil(now / 3_600_000) * 3_600_000
  const [form, setForm] = useState<MaintenanceForm>({
    account: '', kind: 'once', start: localInput(hour, zone), end: localInput(hour + 3_600_000, zone),
    weekday: 0, startTime: '03:00', durationMinutes: '60', reason: '',
  })
  const [errors, setErrors] = useState<MaintenanceErrors>({})
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof MaintenanceForm>(key: K, value: MaintenanceForm[K]) => setForm((f) => ({ ...f, [key]: value }))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const { body, errors: found } = maintenanceBody(form, zone)
    setErrors(found)
    if (!body) return
    setBusy(true)
    setSubmitError(null)
    try {
      await send('POST', '/api/maintenance', body)
      onCreated()
      onClose()
    } catch (reason) {
      setSubmitError(actionError(reason, t))
    } finally {
      setBusy(false)
    }
  }
  const problem = (key: keyof MaintenanceErrors) =>
    errors[key] ? <p className="action-error" role="alert">{t(errors[key])}</p> : null

  return (
    <Dialog title={t('addWindow')} closeLabel={t('close')} onClose={onClose} testId="maintenance-dialog">
      <form className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="hint">{t('maintenanceZone', { zone })}</p>
        <label className="field">
          {t('account')}
          <select value={form.account} onChange={(e) => set('account', e.target.value)} data-testid="maintenance-account">
            <option value="">{t('allAccounts')}</option>
            {accounts.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <fieldset>
          <legend>{t('kind')}</legend>
          {(['once', 'weekly'] as const).map((kind) => (
            <label className="check" key={kind}>
              <input type="radio" name="kind" checked={form.kind === kind} onChange={() => set('kind', kind)} data-testid={`maintenance-${kind}`} />
              {t(kind)}
            </label>
          ))}
        </fieldset>
        {form.kind === 'once' ? (
          <div className="field-row">
            <label className="field">
              {t('start')}
              <input type="datetime-local" value={form.start} onChange={(e) => set('start', e.target.value)} data-testid="maintenance-start" />
            </label>
            <label className="field">
              {t('end')}
              <input type="datetime-local" value={form.end} onChange={(e) => set('end', e.target.value)} data-testid="maintenance-end" />
            </label>
          </div>
        ) : (
          <div className="field-row">
            <label className="field">
              {t('weekday')}
              <select value={form.weekday} onChange={(e) => set('weekday', Number(e.target.value))} data-testid="maintenance-weekday">
                {[1, 2, 3, 4, 5, 6, 0].map((d) => <option key={d} value={d}>{weekdayName(d, lang)}</option>)}
              </select>
            </label>
            <label className="field">
              {t('timeOfDay')}
              <input type="time" value={form.startTime} onChange={(e) => set('startTime', e.target.value)} data-testid="maintenance-time" />
            </label>
            <label className="field">
              {t('durationMinutes')}
              <input
                type="number" min={1} max={1440} value={form.durationMinutes} onChange={(e) => set('durationMinutes', e.target.value)}
                aria-invalid={errors.duration ? true : undefined} data-testid="maintenance-duration"
              />
            </label>
          </div>
        )}
        {problem('times')}
        {problem('duration')}
        <label className="field">
          {t('reason')}
          <input
            type="text" value={form.reason} maxLength={500} onChange={(e) => set('reason', e.target.value)}
            aria-invalid={errors.reason ? true : undefined} data-testid="maintenance-reason"
          />
        </label>
        {problem('reason')}
        {submitError ? <p className="action-error" role="alert">{submitError}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('cancel')}</button>
          <button type="submit" className="action primary" data-action="maintenance-submit" disabled={busy}>{t('save')}</button>
        </div>
      </form>
    </Dialog>
  )
}
