import type { Key, Translate } from '../i18n'
import type { Me } from '../onCallTypes'
import { roleOf } from '../roles'

/** Who the dashboard thinks you are, and your role; without sign-in, plainly that this is for development. */
export function WhoAmI({ me, t }: { me: Me | null; t: Translate }) {
  if (!me) return null
  if (me.mode === 'none') {
    return (
      <span className="who" data-testid="who" data-role={roleOf(me)} title={t('anonymousHint')}>
        {t('anonymous')} <small className="hint">{t('anonymousHint')}</small>
      </span>
    )
  }
  if (!me.user) return null
  const role = t(`role${roleOf(me)}` as Key)
  return (
    <span className="who" data-testid="who" data-role={roleOf(me)} title={t('whoTitle', { user: me.user, role })}>
      {t('who', { user: me.user, role })}
    </span>
  )
}
