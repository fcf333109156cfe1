import { ApiError } from '../api'
import type { Translate } from '../i18n'

/** What an action's failure says to the user: the Api's problem `detail`, and plainly so when the role is missing. */
export function actionError(reason: unknown, t: Translate): string {
  const detail = reason instanceof Error && reason.message ? reason.message : String(reason)
  if (reason instanceof ApiError && reason.status === 403) return t('forbidden', { detail })
  return t('actionFailed', { detail })
}
