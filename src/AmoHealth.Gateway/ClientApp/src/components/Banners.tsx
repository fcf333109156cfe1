import type { CheckStatus, Info } from '../api'
import { dateTime } from '../format'
import type { Lang, Translate } from '../i18n'

const TOKEN_WARNING_DAYS = 14

/** What the user must know above the cards: demo mode, an unreachable API, a token, a notice, a channel that does not deliver. */
export function Banners(props: { info: Info | null; error: string | null; statuses: CheckStatus[]; t: Translate; lang: Lang }) {
  const { info, error, statuses, t, lang } = props
  const notice = statuses.find((s) => s.notice)
  const token = statuses.find((s) => s.tokenDaysLeft != null && s.tokenDaysLeft <= TOKEN_WARNING_DAYS)
  return (
    <>
      {info?.demo ? <p className="banner banner-info" data-testid="demo-banner">{t('demo')}</p> : null}
      {error ? (
        <p className="banner banner-bad" role="alert" data-testid="api-error">
          {t('apiDown', { error })}
        </p>
      ) : null}
      {token ? (
        <p className="banner banner-warn" role="alert" data-testid="token-banner">
          {(token.tokenDaysLeft ?? 0) < 0
            ? t('tokenExpired', { account: token.account, date: dateTime(token.tokenExpiresAt, lang) })
            : t('tokenSoon', { account: token.account, days: token.tokenDaysLeft ?? 0, date: dateTime(token.tokenExpiresAt, lang) })}
        </p>
      ) : null}
      {notice ? (
        <p className="banner banner-info" data-testid="notice-banner">
          {t('notice', { account: notice.account, text: notice.notice ?? '' })}
        </p>
      ) : null}
      {(info?.channels ?? []).filter((c) => c.state !== 'ok').map((c) => (
        <p key={c.name} className="banner banner-warn" role="alert" data-testid="channel-banner">
          {c.state === 'misconfigured'
            ? t('channelMisconfigured', { name: c.name, error: c.error ?? '' })
            : t('channelFailing', { name: c.name, since: dateTime(c.since, lang), error: c.error ?? '' })}
        </p>
      ))}
    </>
  )
}
