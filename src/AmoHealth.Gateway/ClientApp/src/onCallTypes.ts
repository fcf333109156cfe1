// The on-call shapes of the Api, from the generated types (api.gen.ts), narrowed where the page relies on more.
import type { CheckType } from './api'
import type {
  FailureKind,
  IncidentDto,
  InfoDto,
  MaintenanceDto,
  MaintenanceOccurrence,
  SilenceDto,
  TimelineEntryDto,
} from './api.gen'

export const ROLES = ['viewer', 'operator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface Me {
  mode: 'none' | 'login' | 'proxy' | string
  user: string | null
  role?: Role | null
  clientAddress?: string | null
}

export type InfoWithZone = InfoDto

export interface OnCallIncident extends IncidentDto {
  /** Not served by the Api yet: used when present, so the page never has to read the English details. */
  failureKind?: FailureKind | null
}

export const TIMELINE_KINDS = ['opened', 'acknowledged', 'escalated', 'note', 'reminder', 'silenced', 'unsilenced', 'closed'] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

export type TimelineEntry = TimelineEntryDto

export interface IncidentDetail {
  incident: OnCallIncident
  timeline: TimelineEntry[]
}

export interface Silence extends Omit<SilenceDto, 'checkType'> {
  checkType: CheckType | null
}

export interface NewSilence {
  account: string
  checkType: CheckType | null
  minutes: number
  reason: string
  endOnRecovery: boolean
}

export type Occurrence = MaintenanceOccurrence

export interface MaintenanceWindow extends Omit<MaintenanceDto, 'kind' | 'source' | 'next'> {
  kind: 'once' | 'weekly'
  source: 'page' | 'config'
  next: Occurrence | null
}

export type NewMaintenance =
  | { account: string | null; kind: 'once'; startsAt: number; endsAt: number; reason: string }
  | { account: string | null; kind: 'weekly'; weekday: number; startTime: string; durationMinutes: number; reason: string }
