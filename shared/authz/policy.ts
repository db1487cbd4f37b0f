import type { AccessContext } from './access-context.ts';

/**
 * The one authorization policy: for every API operation, who may do it to which record.
 * Handlers ask it after loading the record (so relationships come from the database) and
 * before doing anything; nothing else decides access. A new operation without a rule here
 * fails the policy test (test/unit/authz).
 */
export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export type LessonResource = {
  classId: string;
  subgroupId?: string;
  subjectId: string;
  teacherId: string;
  substituteTeacherId?: string;
};
export type JournalResource = { classId: string; groupId: string; subjectId: string };
export type StudentResource = { studentId: string; classId: string };
/** Whose register of invitation codes: a class or the staff. */
export type InviteScopeResource = { kind: 'class'; classId: string } | { kind: 'staff' };
/**
 * One person a code is issued to, as the database knows them: `unknown` when the id is not a
 * student or parent of the class (or not staff, for the staff register).
 */
export type InviteeResource = { kind: 'staff' | 'student' | 'parent' | 'unknown'; roles: readonly string[] };
export type IssueResource = { scope: InviteScopeResource; invitees: readonly InviteeResource[] };
export type ConsentResource = { signedById: string };
export type AccountResource = { userId: string };
/** A person whose contact details are edited: what they are and the classes they belong to (a parent: their children's). */
export type PersonResource = { personId: string; kind: 'staff' | 'student' | 'parent'; classIds: readonly string[] };

const has = (ctx: AccessContext, role: string) => ctx.roles.includes(role as never);
/** Director and coordinator read everything (п. 4.1, 7.3); the operator runs the monthly journal control (п. 5.11). */
const readsWholeSchool = (ctx: AccessContext) => has(ctx, 'director') || has(ctx, 'coordinator') || has(ctx, 'operator');
const teaches = (ctx: AccessContext, groupId: string, subjectId: string) =>
  has(ctx, 'teacher') && ctx.teaches.some((t) => t.groupId === groupId && t.subjectId === subjectId);
const isClassTeacherOf = (ctx: AccessContext, classId: string) => has(ctx, 'teacher') && ctx.classTeacherOf.includes(classId);
const isParentOf = (ctx: AccessContext, studentId: string) => has(ctx, 'parent') && ctx.children.some((c) => c.studentId === studentId);
const isSelf = (ctx: AccessContext, studentId: string) => has(ctx, 'student') && ctx.personId === studentId;
const oversees = (ctx: AccessContext) => has(ctx, 'director') || has(ctx, 'coordinator');
const STAFF_ROLES = ['director', 'coordinator', 'operator', 'teacher'];

/** Who keeps a register: the operator every register (п. 5.2, 5.3), a class teacher their class's (п. 3.1). */
const keepsRegister = (ctx: AccessContext, scope: InviteScopeResource) =>
  has(ctx, 'operator') || (scope.kind === 'class' && isClassTeacherOf(ctx, scope.classId));

/** What a code may grant in a register: staff roles to staff; `student` to a student, `parent` to a parent of the class. */
const grantable = (scope: InviteScopeResource, invitee: InviteeResource) =>
  invitee.roles.length > 0 &&
  (scope.kind === 'staff'
    ? invitee.kind === 'staff' && invitee.roles.every((r) => STAFF_ROLES.includes(r))
    : (invitee.kind === 'student' || invitee.kind === 'parent') && invitee.roles.length === 1 && invitee.roles[0] === invitee.kind);

export const policy = {
  getHealth: (): Decision => allow,
  getOpenApiDocument: (): Decision => allow,
  getMe: (): Decision => allow,
  signOutEverywhere: (): Decision => allow,

  // ── identity and access (п. 3.1, 5.1–5.4) ──────────────────────────────────
  /** Public: the code itself is the credential; redemption is rate-limited per address and per code. */
  previewInviteCode: (): Decision => allow,
  redeemInviteCode: (): Decision => allow,
  getConsentDocument: (): Decision => allow,

  /**
   * Codes: the operator issues to staff (and may to anyone in a class); a class teacher to the
   * students and parents of their own class, with no other role than `student`/`parent` (п. 3.1).
   */
  issueInviteCodes: (ctx: AccessContext, r: IssueResource): Decision => {
    if (!keepsRegister(ctx, r.scope)) return deny('issues codes: the operator, or the class teacher for their class (п. 3.1)');
    if (r.scope.kind === 'staff' && !has(ctx, 'operator')) return deny('staff codes come from the operator (п. 3.1)');
    return r.invitees.every((i) => grantable(r.scope, i)) ? allow : deny('a person outside this register, or a role it cannot grant');
  },
  /** The register: whoever keeps it, and the administration that oversees (п. 4.1). */
  listInviteCodes: (ctx: AccessContext, r: InviteScopeResource): Decision =>
    keepsRegister(ctx, r) || oversees(ctx) ? allow : deny('not the keeper of this register'),
  revokeInviteCode: (ctx: AccessContext, r: InviteScopeResource): Decision =>
    keepsRegister(ctx, r) ? allow : deny('revokes codes: the one who keeps the register'),
  listInvitees: (ctx: AccessContext, r: InviteScopeResource): Decision =>
    keepsRegister(ctx, r) ? allow : deny('lists invitees: the one who keeps the register'),

  /** The consent register: the operator collects consents (п. 5.1); the director reads everything. */
  listConsents: (ctx: AccessContext): Decision =>
    has(ctx, 'operator') || has(ctx, 'director') ? allow : deny('the consent register is kept by the operator'),
  /** Withdrawal: whoever gave the consent, or the operator acting on a written request. */
  withdrawConsent: (ctx: AccessContext, r: ConsentResource): Decision =>
    has(ctx, 'operator') || ctx.personId === r.signedById ? allow : deny('withdraws a consent: its signer or the operator'),

  /** Users: the operator manages them (п. 5.3, 5.4); the administration may see the list. */
  listUsers: (ctx: AccessContext): Decision => (has(ctx, 'operator') || oversees(ctx) ? allow : deny('the list of users is the operator’s')),
  /** The operator disables and enables accounts — never their own (the school must keep one operator able to act). */
  disableUser: (ctx: AccessContext, r: AccountResource): Decision =>
    !has(ctx, 'operator') ? deny('accounts are managed by the operator (п. 5.4)') : r.userId === ctx.userId ? deny('not one’s own account') : allow,
  /**
   * Contact details: the class teacher keeps those of their class's students and parents current
   * (п. 6/4.1), the operator anyone's, and everyone their own. The administration only reads.
   */
  updatePersonContacts: (ctx: AccessContext, r: PersonResource): Decision =>
    has(ctx, 'operator') || ctx.personId === r.personId || (r.kind !== 'staff' && r.classIds.some((c) => isClassTeacherOf(ctx, c)))
      ? allow
      : deny('edits contacts: the class teacher of the class, the operator, or the person themselves'),
  enableUser: (ctx: AccessContext, r: AccountResource): Decision =>
    !has(ctx, 'operator') ? deny('accounts are managed by the operator (п. 5.4)') : r.userId === ctx.userId ? deny('not one’s own account') : allow,

  /** A journal (class or subgroup × subject): its teacher (п. 5.5), the class teacher (all subjects of the class), the administration. */
  getClassJournal: (ctx: AccessContext, r: JournalResource): Decision =>
    readsWholeSchool(ctx) || teaches(ctx, r.groupId, r.subjectId) || isClassTeacherOf(ctx, r.classId)
      ? allow
      : deny('not the teacher of this journal, nor the class teacher, nor the administration'),

  /**
   * Marks of a lesson: the teacher assigned to that class or subgroup × subject (п. 5.5) —
   * unless a substitute keeps this lesson — or the substitute of this very lesson (п. 5.3).
   * Parents, students and the administration do not write marks (п. 3.4, 8.2).
   */
  saveLessonMarks: (ctx: AccessContext, r: LessonResource): Decision => {
    if (!has(ctx, 'teacher')) return deny('only teachers keep the journal');
    if (r.substituteTeacherId) {
      return r.substituteTeacherId === ctx.personId ? allow : deny('a substitute keeps this lesson (п. 5.3)');
    }
    return teaches(ctx, r.subgroupId ?? r.classId, r.subjectId) ? allow : deny('not assigned to this class or subgroup × subject (п. 5.5)');
  },

  /** A mark's history: whoever may read the journal it is in. */
  getMarkHistory: (ctx: AccessContext, r: JournalResource): Decision => policy.getClassJournal(ctx, r),

  /** A student's diary and marks: the student, their parent (п. 3.4), their class teacher, the administration. */
  getStudentDiary: (ctx: AccessContext, r: StudentResource): Decision =>
    isSelf(ctx, r.studentId) || isParentOf(ctx, r.studentId) || isClassTeacherOf(ctx, r.classId) || readsWholeSchool(ctx)
      ? allow
      : deny('not the student, their parent, their class teacher or the administration (п. 3.4)'),
  getStudentMarks: (ctx: AccessContext, r: StudentResource): Decision => policy.getStudentDiary(ctx, r),

  /** The journals one may open: the list itself is filtered by the same rule as getClassJournal. */
  listMyJournals: (ctx: AccessContext): Decision =>
    readsWholeSchool(ctx) || has(ctx, 'teacher') ? allow : deny('only staff keep or oversee journals'),

  /** A parent's own children. */
  listMyChildren: (ctx: AccessContext): Decision => (has(ctx, 'parent') ? allow : deny('only parents have children here')),
} as const;

export type PolicyOperation = keyof typeof policy;
