// Issue 27's Api shapes, written by hand until openapi.json documents them; then these become re-exports of the
// generated types (api.gen.ts) and this file goes.
import type { CheckType } from './api'
import type { FailureKind, IncidentDto, InfoDto } from './api.gen'

export const ROLES = ['viewer', 'operator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface Me {
  mode: 'none' | 'login' | 'proxy' | string
  user: string | null
  role?: Role | null
  clientAddress?: string | null
}

export interface InfoWithZone extends InfoDto {
  timeZone?: string
}

export interface OnCallIncident extends IncidentDto {
  acknowledgedBy?: string | null
  acknowledgedAt?: number | null
  escalationStep?: number
  /** Not promised by the Api yet: used when present, so the page never has to read the English details. */
  failureKind?: FailureKind | null
}

export const TIMELINE_KINDS = ['opened', 'acknowledged', 'escalated', 'note', 'reminder', 'silenced', 'unsilenced', 'closed'] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

export interface TimelineEntry {
  id: number
  at: number
  kind: TimelineKind | string
  actor: string | null
  text: string | null
  isPublic: boolean
}

export interface IncidentDetail {
  incident: OnCallIncident
  timeline: TimelineEntry[]
}

export interface Silence {
  id: number
  account: string
  checkType: CheckType | null
  startsAt: number
  endsAt: number
  reason: string
  createdBy: string
  createdAt: number
  endOnRecovery: boolean
}

export interface NewSilence {
  account: string
  checkType: CheckType | null
  minutes: number
  reason: string
  endOnRecovery: boolean
}

export interface Occurrence {
  startsAt: number
  endsAt: number
}

export interface MaintenanceWindow {
  id: number
  account: string | null
  kind: 'once' | 'weekly'
  startsAt: number | null
  endsAt: number | null
  weekday: number | null
  startTime: string | null
  durationMinutes: number | null
  timeZone: string
  reason: string
  createdBy: string | null
  createdAt: number | null
  source: 'page' | 'config'
  active: boolean
  next: Occurrence | null
}

export type NewMaintenance =
  | { account: string | null; kind: 'once'; startsAt: number; endsAt: number; reason: string }
  | { account: string | null; kind: 'weekly'; weekday: number; startTime: string; durationMinutes: number; reason: string }
