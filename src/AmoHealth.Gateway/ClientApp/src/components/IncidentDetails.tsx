import type { Translate } from '../i18n'
import type { OnCallIncident } from '../onCallTypes'
import { incidentText } from './errorText'

/** The translated summary first; the Prober's English text, when it says more, as a small secondary line. */
export function IncidentDetails({ incident, t }: { incident: OnCallIncident; t: Translate }) {
  const main = incidentText(incident, t)
  return (
    <>
      <span className="details-main">{main}</span>
      {incident.details && incident.details !== main ? (
        <span className="details-raw" lang="en" title={t('rawDetail')}>
          {incident.details}
        </span>
      ) : null}
    </>
  )
}
