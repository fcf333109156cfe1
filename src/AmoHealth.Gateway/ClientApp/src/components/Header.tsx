import type { Me } from '../api'
import type { Lang, Translate } from '../i18n'
import type { Theme } from '../usePrefs'
import type { StreamState } from '../useStream'
import { ConnectionBadge } from './ConnectionBadge'
import { WhoAmI } from './WhoAmI'

/** Title, the stream's state, and the controls: account, language, theme, sign-out. */
export function Header(props: {
  t: Translate
  stream: StreamState
  now: number
  accounts: string[]
  account: string
  onAccount: (account: string) => void
  lang: Lang
  onLang: (lang: Lang) => void
  theme: Theme
  onTheme: (theme: Theme) => void
  me: Me | null
}) {
  const { t, stream, now, accounts, account, onAccount, lang, onLang, theme, onTheme, me } = props
  return (
    <header className="top">
      <div className="brand">
        <h1>{t('title')}</h1>
        <span className="subtitle">{t('subtitle')}</span>
      </div>
      <ConnectionBadge state={stream} now={now} t={t} />
      <div className="controls">
        {accounts.length > 1 ? (
          <label>
            {t('account')}{' '}
            <select value={account} onChange={(e) => onAccount(e.target.value)} data-testid="account">
              {accounts.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t('language')}{' '}
          <select value={lang} onChange={(e) => onLang(e.target.value as Lang)} data-testid="lang">
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="button" onClick={() => onTheme(theme === 'dark' ? 'light' : 'dark')} aria-pressed={theme === 'dark'} data-testid="theme">
          {t('theme')}: {theme === 'dark' ? t('themeDark') : t('themeLight')}
        </button>
        <WhoAmI me={me} t={t} />
        {me?.user && me.mode === 'login' ? (
          <form method="post" action="/auth/logout" className="logout">
            <button type="submit">{t('signOut')}</button>
          </form>
        ) : null}
      </div>
    </header>
  )
}
