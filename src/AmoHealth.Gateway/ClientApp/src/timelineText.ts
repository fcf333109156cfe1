import { duration } from './format'
import type { Key, Lang, Translate } from './i18n'
import type { OnCallIncident, TimelineEntry } from './onCallTypes'

const SOURCES = ['dashboard', 'api', 'mattermost', 'telegram']

/**
 * What an entry says, in the page's language where the page knows the facts (the close: how long, who handled it;
 * a take: from where). Other entries keep the Prober's text (the confirming results are codes, notes are people's).
 */
export function timelineText(entry: TimelineEntry, incident: OnCallIncident, t: Translate, lang: Lang): string | null {
  if (entry.kind === 'closed' && incident.duration !== null) {
    const lasted = t('tlLasted', { duration: duration(incident.duration, lang) })
    return incident.acknowledgedBy ? `${lasted}; ${t('tlHandledBy', { who: incident.acknowledgedBy })}` : lasted
  }
  if (entry.kind === 'acknowledged' && entry.text && SOURCES.includes(entry.text)) {
    return t(`src_${entry.text}` as Key)
  }
  return entry.text
}
