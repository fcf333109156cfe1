import { useState } from 'react'
import { send } from '../api'
import { useSlo } from '../hooks/useSlo'
import type { Lang, Translate } from '../i18n'
import type { Role } from '../onCallTypes'
import { allows } from '../roles'
import { actionError } from './actionError'
import { SloCard } from './SloCard'

/**
 * The account's SLOs with their error budgets, read as often as the stats. Taking a burn alert is an operator's
 * action; a refusal (403, 404 gone, 409 taken already) is said on the alert and the list is read again.
 */
export function SloPanel(props: {
  account: string
  reload: number
  fail: (error: unknown) => void
  role: Role
  zone: string
  now: number
  t: Translate
  lang: Lang
}) {
  const { account, reload, fail, role, zone, now, t, lang } = props
  const { slos, refresh } = useSlo(account, reload, fail)
  const [busy, setBusy] = useState<number | null>(null)
  const [errors, setErrors] = useState<Record<number, string>>({})
  const mine = slos.filter((s) => s.account === account)
  if (mine.length === 0) return null

  const onAck = async (id: number) => {
    setBusy(id)
    setErrors(({ [id]: _, ...rest }) => rest)
    try {
      await send('POST', `/api/slo/alerts/${id}/ack`)
    } catch (reason) {
      setErrors((previous) => ({ ...previous, [id]: actionError(reason, t) }))
    } finally {
      setBusy(null)
      refresh()
    }
  }

  const acks = { canAck: allows(role, 'operator'), busy, errors, onAck: (id: number) => void onAck(id) }
  return (
    <section className="slo" aria-labelledby="slo-title" data-testid="slo">
      <div className="section-head">
        <h2 id="slo-title">{t('slo')}</h2>
        <span className="hint">{t('sloDefinition')}</span>
      </div>
      <div className="slo-cards">
        {mine.map((s) => (
          <SloCard key={s.checkType} slo={s} acks={acks} zone={zone} now={now} t={t} lang={lang} />
        ))}
      </div>
    </section>
  )
}
