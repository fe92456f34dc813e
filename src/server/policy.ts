/**
 * Who may do what: the one place access is decided. Routes name an action; the access plugin (and the
 * upload handler, whose unit arrives in the multipart body) ask `authorize`. A unit user only ever acts
 * within their own unit; reviewers and admins act across units, each within their role.
 */
import type { ReportState, Role } from '../store/schema.ts';
import { apiError } from './errors.ts';

export interface Actor {
  id: string;
  username: string;
  role: Role;
  unitId: string | null;
}

export const ACTIONS = [
  'unit.create',
  'unit.list',
  'user.create',
  'audit.read',
  'report.list',
  'report.read',
  'report.upload',
  'report.comment',
  'report.submit',
  'report.resubmit',
  'report.return',
  'report.approve',
  'report.publish',
  'report.edit',
  'report.decide',
  'report.score',
  'overview.read',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Roles allowed each action; unit roles additionally only within their own unit. */
const ALLOWED: Record<Action, readonly Role[]> = {
  'unit.create': ['admin'],
  'unit.list': ['unit_editor', 'unit_approver', 'reviewer', 'admin'],
  'user.create': ['admin'],
  'audit.read': ['admin'],
  'report.list': ['unit_editor', 'unit_approver', 'reviewer', 'admin'],
  'report.read': ['unit_editor', 'unit_approver', 'reviewer', 'admin'],
  'report.upload': ['unit_editor', 'unit_approver', 'admin'],
  'report.comment': ['unit_editor', 'unit_approver', 'reviewer', 'admin'],
  'report.submit': ['unit_approver', 'admin'],
  'report.resubmit': ['unit_approver', 'admin'],
  'report.return': ['reviewer', 'admin'],
  'report.approve': ['reviewer', 'admin'],
  'report.publish': ['reviewer', 'admin'],
  'report.edit': ['unit_editor', 'unit_approver', 'admin'],
  'report.decide': ['reviewer', 'admin'],
  'report.score': ['reviewer', 'admin'],
  'overview.read': ['reviewer', 'admin'],
};

export const ROLE_NAMES: Record<Role, string> = {
  unit_editor: '单位填报人',
  unit_approver: '单位审核人',
  reviewer: '财政审核人',
  admin: '管理员',
};

/** The roles allowed `action` (for the API document; deciding stays with `authorize`). */
export function rolesFor(action: Action): readonly Role[] {
  return ALLOWED[action];
}

export function isUnitRole(role: Role): boolean {
  return role === 'unit_editor' || role === 'unit_approver';
}

/**
 * Throws 403 unless `actor` may do `action`, on data of `unitId` when the action concerns one unit
 * (`null`: the action is not about one unit, such as listing).
 */
export function authorize(actor: Actor, action: Action, unitId: string | null): void {
  if (!ALLOWED[action].includes(actor.role)) throw apiError('JX_FORBIDDEN');
  if (isUnitRole(actor.role) && unitId !== null && unitId !== actor.unitId) throw apiError('JX_OTHER_UNIT');
}

/**
 * The unit filter a listing runs with: a unit user's own unit (asking for another is refused), anyone
 * else's choice (undefined: all units).
 */
export function scopeToUnit(actor: Actor, requested: string | undefined): string | undefined {
  if (!isUnitRole(actor.role)) return requested;
  if (requested !== undefined && requested !== actor.unitId) throw apiError('JX_OTHER_UNIT');
  return actor.unitId ?? '';
}

// ---------------------------------------------------------------------------------------------------------
// Workflow: 草稿 → 已提交 → 已退回 | 已审核 → 已公开

export const STATE_NAMES: Record<ReportState, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已审核',
  published: '已公开',
};

export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', name: '提交' },
  return: { from: ['submitted'], to: 'returned', name: '退回' },
  resubmit: { from: ['returned'], to: 'submitted', name: '重新提交' },
  approve: { from: ['submitted'], to: 'approved', name: '审核通过' },
  publish: { from: ['approved'], to: 'published', name: '公开' },
} as const satisfies Record<string, { from: readonly ReportState[]; to: ReportState; name: string }>;

export type Transition = keyof typeof TRANSITIONS;

/** States in which a new version may be uploaded: the unit's own drafts, and reports sent back to it. */
export const EDITABLE_STATES: readonly ReportState[] = ['draft', 'returned'];

/** The state after `transition`, or 403 when the report's state does not allow it. */
export function nextState(state: ReportState, transition: Transition): ReportState {
  const rule = TRANSITIONS[transition];
  if (!(rule.from as readonly ReportState[]).includes(state)) {
    throw apiError('JX_TRANSITION', { state: STATE_NAMES[state], action: rule.name });
  }
  return rule.to;
}
