import { useState, type FormEvent } from 'react'
import { send } from '../api'
import type { Translate } from '../i18n'
import { statusPageBody, suggestSlug, type StatusPage, type StatusPageErrors, type StatusPageForm } from '../statusPages'
import { actionError } from './actionError'
import { Dialog } from './Dialog'

/** Publishes an account's status page, or changes one published from the dashboard (admins). */
export function StatusPageDialog(props: {
  accounts: string[]
  page: StatusPage | null
  t: Translate
  onClose: () => void
  onSaved: () => void
}) {
  const { accounts, page, t, onClose, onSaved } = props
  const first = page?.account ?? accounts[0] ?? ''
  const [form, setForm] = useState<StatusPageForm>({
    account: first, slug: page?.slug ?? (first ? suggestSlug(first) : ''), title: page?.title ?? '',
    minIncidentMinutes: String(page?.minIncidentMinutes ?? 0), indexing: page?.indexing ?? false,
  })
  // The address follows the account until the admin types one.
  const [slugTyped, setSlugTyped] = useState(page !== null)
  const [errors, setErrors] = useState<StatusPageErrors>({})
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof StatusPageForm>(key: K, value: StatusPageForm[K]) => setForm((f) => ({ ...f, [key]: value }))

  const chooseAccount = (account: string) =>
    setForm((f) => ({ ...f, account, slug: slugTyped ? f.slug : suggestSlug(account) }))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const { body, errors: found } = statusPageBody(form)
    setErrors(found)
    if (!body) return
    setBusy(true)
    setSubmitError(null)
    try {
      await send('PUT', `/api/status-pages/${form.slug}`, body)
      onSaved()
      onClose()
    } catch (reason) {
      setSubmitError(actionError(reason, t))
    } finally {
      setBusy(false)
    }
  }
  const problem = (key: keyof StatusPageErrors) =>
    errors[key] ? <p className="action-error" role="alert">{t(errors[key])}</p> : null

  return (
    <Dialog title={page ? t('editPage', { slug: page.slug }) : t('publishPage')} closeLabel={t('close')} onClose={onClose} testId="status-page-dialog">
      <form className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          {t('account')}
          <select value={form.account} onChange={(e) => chooseAccount(e.target.value)} data-testid="status-page-account">
            {form.account === '' ? <option value="">—</option> : null}
            {[...new Set([...accounts, ...(page ? [page.account] : [])])].map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        {problem('account')}
        <label className="field">
          {t('pageSlug')}
          <span className="slug-input">
            <span className="hint">/status/</span>
            <input
              type="text" value={form.slug} maxLength={40} readOnly={page !== null} aria-invalid={errors.slug ? true : undefined}
              onChange={(e) => {
                setSlugTyped(true)
                set('slug', e.target.value)
              }}
              data-testid="status-page-slug"
            />
          </span>
          <small className="hint">{t('pageSlugHint')}</small>
        </label>
        {problem('slug')}
        <label className="field">
          {t('pageTitle')}
          <input
            type="text" value={form.title} maxLength={200} placeholder={form.account} aria-invalid={errors.title ? true : undefined}
            onChange={(e) => set('title', e.target.value)} data-testid="status-page-title"
          />
        </label>
        {problem('title')}
        <label className="field">
          {t('pageMinIncident')}
          <input
            type="number" min={0} max={1440} value={form.minIncidentMinutes} aria-invalid={errors.minutes ? true : undefined}
            onChange={(e) => set('minIncidentMinutes', e.target.value)} data-testid="status-page-minutes"
          />
        </label>
        {problem('minutes')}
        <label className="check">
          <input type="checkbox" checked={form.indexing} onChange={(e) => set('indexing', e.target.checked)} data-testid="status-page-indexing" />
          {t('pageIndexing')}
        </label>
        {submitError ? <p className="action-error" role="alert">{submitError}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('cancel')}</button>
          <button type="submit" className="action primary" data-action="status-page-submit" disabled={busy}>
            {page ? t('save') : t('publish')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
