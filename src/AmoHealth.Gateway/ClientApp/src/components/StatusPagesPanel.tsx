import { useCallback, useEffect, useState } from 'react'
import { getJson, send } from '../api'
import type { Translate } from '../i18n'
import type { Role } from '../onCallTypes'
import { allows } from '../roles'
import type { StatusPage } from '../statusPages'
import { actionError } from './actionError'
import { Dialog } from './Dialog'
import { StatusPageDialog } from './StatusPageDialog'

/**
 * The public status pages: everyone sees them and their links; admins publish an account's page, change it and take
 * it down. Pages of the configuration are shown read-only.
 */
export function StatusPagesPanel(props: { accounts: string[]; role: Role; t: Translate }) {
  const { accounts, role, t } = props
  const [pages, setPages] = useState<StatusPage[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  // undefined: no dialog; null: a new page; a page: editing it.
  const [editing, setEditing] = useState<StatusPage | null | undefined>(undefined)
  const [removing, setRemoving] = useState<StatusPage | null>(null)
  const admin = allows(role, 'admin')

  const load = useCallback(() => {
    getJson<StatusPage[]>('/api/status-pages')
      .then((list) => {
        setPages(list)
        setLoadError(null)
      })
      .catch((reason: unknown) => setLoadError(reason instanceof Error ? reason.message : String(reason)))
  }, [])
  useEffect(load, [load])

  const unpublish = async (page: StatusPage) => {
    setError(null)
    try {
      await send('DELETE', `/api/status-pages/${page.slug}`)
      load()
    } catch (reason) {
      setError(actionError(reason, t))
    } finally {
      setRemoving(null)
    }
  }

  return (
    <section className="status-pages" aria-labelledby="status-pages-title" data-testid="status-pages">
      <div className="section-head">
        <h2 id="status-pages-title">{t('statusPages')}</h2>
        {admin ? (
          <button type="button" className="action" data-action="status-page-add" onClick={() => setEditing(null)}>
            {t('publishPage')}
          </button>
        ) : null}
      </div>
      {error ? <p className="action-error" role="alert">{error}</p> : null}
      {loadError ? <p className="hint">{t('statusPagesFailed', { detail: loadError })}</p> : null}
      {pages?.length === 0 ? <p className="hint">{t('statusPagesNone')}</p> : null}
      <ul className="status-pages-list">
        {(pages ?? []).map((p) => (
          <li key={p.slug} data-status-page={p.slug} data-source={p.source}>
            <a href={p.url} target="_blank" rel="noopener noreferrer" data-testid="status-page-link">{p.url}</a>
            <strong>{p.title ?? p.account}</strong>
            {p.title ? <span className="hint">{p.account}</span> : null}
            {p.minIncidentMinutes > 0 ? <span className="hint">· {t('pageHidesShort', { minutes: p.minIncidentMinutes })}</span> : null}
            {p.indexing ? <span className="badge">{t('pageIndexed')}</span> : null}
            {p.source === 'config' ? <span className="badge">{t('fromConfig')}</span> : null}
            {admin && p.source === 'page' ? (
              <span className="status-page-actions">
                <button type="button" className="action small" data-action="status-page-edit" onClick={() => setEditing(p)}>
                  {t('edit')}
                </button>
                <button type="button" className="action small" data-action="status-page-remove" onClick={() => setRemoving(p)}>
                  {t('unpublish')}
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {admin && editing !== undefined ? (
        <StatusPageDialog accounts={accounts} page={editing} t={t} onClose={() => setEditing(undefined)} onSaved={load} />
      ) : null}
      {admin && removing ? (
        <Dialog title={t('unpublish')} closeLabel={t('close')} onClose={() => setRemoving(null)} testId="status-page-confirm">
          <p>{t('unpublishConfirm', { url: removing.url })}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setRemoving(null)}>{t('cancel')}</button>
            <button type="button" className="action primary" data-action="status-page-unpublish" onClick={() => void unpublish(removing)}>
              {t('unpublish')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  )
}
