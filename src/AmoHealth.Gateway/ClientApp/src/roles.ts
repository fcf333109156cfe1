import type { Me, Role } from './onCallTypes'

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 }

/** The signed-in role; unknown (no /auth/me, an old Gateway) reads as viewer, so no action is offered in vain. */
export function roleOf(me: Me | null): Role {
  return me?.role && me.role in RANK ? me.role : 'viewer'
}

export function allows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed]
}
