import { useState } from 'react'
import { CHECKS, key, type CheckStats, type CheckStatus, type CheckType } from '../api'
import type { OnCall } from '../hooks/useOnCall'
import type { CardWindows } from '../hooks/useStats'
import type { Lang, Translate } from '../i18n'
import type { Role } from '../onCallTypes'
import { AccountOnCall } from './AccountOnCall'
import { CardOnCall } from './CardOnCall'
import { SilenceDialog } from './SilenceDialog'
import { StatusCard, type CardFigures } from './StatusCard'

function figures(cardStats: CardWindows, check: string): CardFigures {
  const of = (rows: CheckStats[]) => rows.find((r) => r.checkType === check)
  return {
    uptime24h: of(cardStats[24])?.uptime ?? null,
    uptime7d: of(cardStats[168])?.uptime ?? null,
    uptime30d: of(cardStats[720])?.uptime ?? null,
    p95: of(cardStats[24])?.p95 ?? null,
  }
}

/** The account's cards, with what is quiet and who is on it, and the silence dialog (a check's or the account's). */
export function Cards(props: {
  account: string
  statuses: Record<string, CheckStatus>
  cardStats: CardWindows
  intervalMs: number
  onCall: OnCall
  role: Role
  zone: string
  now: number
  t: Translate
  lang: Lang
}) {
  const { account, statuses, cardStats, intervalMs, onCall, role, zone, now, t, lang } = props
  const [silencing, setSilencing] = useState<{ checkType: CheckType | null } | null>(null)
  const shared = { role, zone, now, t, lang, onChanged: onCall.refresh }
  return (
    <>
      <AccountOnCall account={account} silences={onCall.silences} onSilence={() => setSilencing({ checkType: null })} {...shared} />
      <section className="cards" aria-label={t('uptime')}>
        {CHECKS.map((check) => (
          <StatusCard
            key={check} checkType={check} status={statuses[key(account, check)]} figures={figures(cardStats, check)}
            now={now} intervalMs={intervalMs} t={t} lang={lang}
            onCall={
              <CardOnCall
                account={account} checkType={check} silences={onCall.silences} maintenance={onCall.maintenance}
                incidents={onCall.open} onSilence={() => setSilencing({ checkType: check })} {...shared}
              />
            }
          />
        ))}
      </section>
      {silencing && account ? (
        <SilenceDialog
          account={account} checkType={silencing.checkType} zone={zone} now={now} t={t}
          onClose={() => setSilencing(null)} onSilenced={onCall.refresh}
        />
      ) : null}
    </>
  )
}
