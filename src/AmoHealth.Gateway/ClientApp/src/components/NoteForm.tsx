import { useState, type FormEvent } from 'react'
import { send } from '../api'
import type { Translate } from '../i18n'
import type { TimelineEntry } from '../onCallTypes'
import { actionError } from './actionError'

const MAX_NOTE = 2000

/** A note on an incident, internal unless ticked public; the Api's refusal is shown under the field. */
export function NoteForm(props: { incidentId: number; t: Translate; onAdded: (entry: TimelineEntry) => void }) {
  const { incidentId, t, onAdded } = props
  const [text, setText] = useState('')
  const [isPublic, setPublic] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = text.trim()
    if (!trimmed) return setError(t('noteRequired'))
    if (trimmed.length > MAX_NOTE) return setError(t('noteTooLong'))
    setBusy(true)
    setError(null)
    try {
      const entry = await send<TimelineEntry>('POST', `/api/incidents/${incidentId}/notes`, { text: trimmed, isPublic })
      if (entry) onAdded(entry)
      setText('')
      setPublic(false)
    } catch (reason) {
      setError(actionError(reason, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="note-form" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field">
        {t('note')}
        <textarea
          value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={MAX_NOTE}
          aria-invalid={error ? true : undefined} data-testid="note-text"
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} data-testid="note-public" />
        {t('notePublic')}
      </label>
      {error ? (
        <p className="action-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="action" data-action="note" disabled={busy}>
        {t('noteAdd')}
      </button>
    </form>
  )
}
