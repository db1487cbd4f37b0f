import type { IsoDate } from '#shared/domain/dates.ts';
import { isStaffRole, type Role } from '#shared/domain/role.ts';
import { keepsLesson } from '#shared/domain/rules/responsibility.ts';
import { inForceOn, overlaps, type AccessContext } from './access-context.ts';

/**
 * The one authorization policy: for every API operation, who may do it to which record.
 * Services ask it after loading the record (so relationships come from the database) and
 * before doing anything; nothing else decides access. A new operation without a rule here
 * fails the policy test (test/unit/authz).
 *
 * A denial carries a `reason` for the log (English, no personal data) and, where the user can
 * act on it, a Russian `message` for the UI.
 */
export type Decision = { allowed: true } | { allowed: false; reason: string; message?: string };

const allow: Decision = { allowed: true };
const deny = (reason: string, message?: string): Decision => ({ allowed: false, reason, ...(message ? { message } : {}) });

/** A lesson as the policy needs it: where, what, when, and who teaches or substitutes it. */
export type LessonResource = {
  date: IsoDate;
  classId: string;
  subgroupId?: string | undefined;
  subjectId: string;
  teacherId: string;
  substituteTeacherId?: string | undefined;
};
/** A journal (class or subgroup × subject) for the dates shown (a period). */
export type JournalResource = { classId: string; groupId: string; subjectId: string; from: IsoDate; to: IsoDate };
/** A journal's final marks of a period: who sets them is the journal's teacher on `on` (the period's last day, or today if earlier). */
export type FinalMarksResource = JournalResource & { on: IsoDate };
export type StudentResource = { studentId: string; classId: string };
/** Whose register of invitation codes: a class or the staff. */
export type InviteScopeResource = { kind: 'class'; classId: string } | { kind: 'staff' };
/**
 * One person a code is issued to, as the database knows them: `unknown` when the id is not a
 * student or parent of the class (or not staff, for the staff register); whether they already
 * have an account (then the code would reset its password) and the roles the code would give.
 */
export type InviteeResource = {
  kind: 'staff' | 'student' | 'parent' | 'unknown';
  personId?: string | undefined;
  roles: readonly string[];
  hasAccount: boolean;
};
export type IssueResource = { scope: InviteScopeResource; invitees: readonly InviteeResource[] };
/** A consent: who signed it, whose data it covers, and whether that person is an adult today. */
export type ConsentResource = { signedById: string; personId: string; subjectIsAdult: boolean };
export type AccountResource = { userId: string };
/** A person whose contact details are edited: what they are and the classes they belong to (a parent: their children's). */
export type PersonResource = { personId: string; kind: 'staff' | 'student' | 'parent'; classIds: readonly string[] };

/**
 * What a report covers (п. 2.3): the whole school, one class, or one teacher's own journals, over
 * [from, to]. Services fill it from the request before reading anything.
 */
export type ReportResource = { classId?: string | undefined; teacherId?: string | undefined; from: IsoDate; to: IsoDate };
/** A scheduled control check run on demand, and its stored reports (п. 5.11, 7.2–7.4). */
export type ControlCheckResource = { check: string };

const has = (ctx: AccessContext, role: Role) => ctx.roles.includes(role);
/** Director and coordinator read everything (п. 4.1, 7.3); the operator runs the monthly journal control (п. 5.11). */
const readsWholeSchool = (ctx: AccessContext) => has(ctx, 'director') || has(ctx, 'coordinator') || has(ctx, 'operator');
const oversees = (ctx: AccessContext) => has(ctx, 'director') || has(ctx, 'coordinator');

/** A subject teacher of this class or subgroup × subject for some of [from, to] (п. 5.5). */
const taught = (ctx: AccessContext, r: Pick<JournalResource, 'groupId' | 'subjectId' | 'from' | 'to'>) =>
  has(ctx, 'teacher') && ctx.teaches.some((t) => t.groupId === r.groupId && t.subjectId === r.subjectId && overlaps(t, r.from, r.to));
/** The class teacher of the class on `date` (a class may change hands during the year). */
const leadsClassOn = (ctx: AccessContext, classId: string, date: IsoDate) =>
  has(ctx, 'teacher') && ctx.classTeacherOf.some((c) => c.classId === classId && inForceOn(c, date));
/** The class teacher of the class for some of [from, to]. */
const ledClassDuring = (ctx: AccessContext, classId: string, from: IsoDate, to: IsoDate) =>
  has(ctx, 'teacher') && ctx.classTeacherOf.some((c) => c.classId === classId && overlaps(c, from, to));
const isParentOf = (ctx: AccessContext, studentId: string) => has(ctx, 'parent') && ctx.children.some((c) => c.studentId === studentId);
const isSelf = (ctx: AccessContext, studentId: string) => has(ctx, 'student') && ctx.personId === studentId;
/** п. 5.3, 5.5: the one rule of shared/domain/rules/responsibility.ts, on the caller's own assignments. */
const keeps = (ctx: AccessContext, lesson: LessonResource) =>
  has(ctx, 'teacher') &&
  keepsLesson(ctx.personId, lesson, ctx.teaches);

/** Who keeps a register: the operator every register (п. 5.2, 5.3), a class teacher their class's today (п. 3.1). */
const keepsRegister = (ctx: AccessContext, scope: InviteScopeResource) =>
  has(ctx, 'operator') || (scope.kind === 'class' && leadsClassOn(ctx, scope.classId, ctx.today));

/** Why one invitee may not get a code from this issuer, or undefined when they may. */
function refusal(ctx: AccessContext, scope: InviteScopeResource, invitee: InviteeResource): Decision | undefined {
  if (invitee.kind === 'unknown') return deny('a person outside this register');
  if (invitee.roles.length === 0) return deny('a code without roles');
  if (invitee.personId !== undefined && invitee.personId === ctx.personId) {
    return deny('a code for oneself', 'Себе пригласительный код выдать нельзя: его выдаёт другой оператор школы.');
  }
  const grantable =
    scope.kind === 'staff'
      ? invitee.kind === 'staff' && invitee.roles.every((r) => isStaffRole(r as Role))
      : invitee.roles.length === 1 && invitee.roles[0] === invitee.kind;
  if (!grantable) return deny('a role this register cannot grant');
  // A code for a person who has an account sets its password: the school's in-person recovery,
  // done by the operator only (decision 19) — never by a class teacher, who could take the account.
  if (invitee.hasAccount && !has(ctx, 'operator')) {
    return deny(
      'a code for an existing account (password recovery) comes from the operator',
      'У этого человека уже есть учётная запись. Восстановить доступ к ней может только школьный оператор.',
    );
  }
  return undefined;
}

/** A class's reports: its class teacher today (the class's whole year, as for its diaries), or who led it during the dates. */
const leadsClass = (ctx: AccessContext, classId: string, from: IsoDate, to: IsoDate) => leadsClassOn(ctx, classId, ctx.today) || ledClassDuring(ctx, classId, from, to);

/** A report of marks or attendance: the administration (with the operator when `operatorToo`), a class teacher their class, a teacher their own journals. */
function reportReader(ctx: AccessContext, r: ReportResource, operatorToo: boolean): Decision {
  if (oversees(ctx) || (operatorToo && has(ctx, 'operator'))) return allow;
  if (r.classId !== undefined && r.teacherId === undefined && leadsClass(ctx, r.classId, r.from, r.to)) return allow;
  if (r.teacherId !== undefined && r.teacherId === ctx.personId && has(ctx, 'teacher')) return allow;
  return deny('reports: the administration, the class teacher of the class, or a teacher their own journals');
}

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
   * Codes: the operator issues to staff (and may to anyone in a class), never to themselves; a
   * class teacher to the students and parents of the class they lead today, with no other role
   * than `student`/`parent` (п. 3.1), and only to people without an account.
   */
  issueInviteCodes: (ctx: AccessContext, r: IssueResource): Decision => {
    if (!keepsRegister(ctx, r.scope)) return deny('issues codes: the operator, or the class teacher for their class (п. 3.1)');
    if (r.scope.kind === 'staff' && !has(ctx, 'operator')) return deny('staff codes come from the operator (п. 3.1)');
    for (const invitee of r.invitees) {
      const refused = refusal(ctx, r.scope, invitee);
      if (refused) return refused;
    }
    return allow;
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
  /**
   * Withdrawal (152-ФЗ ст. 9 ч. 2): whoever gave the consent, the person it covers once they are
   * an adult (a student who came of age), or the operator acting on a written request.
   */
  withdrawConsent: (ctx: AccessContext, r: ConsentResource): Decision =>
    has(ctx, 'operator') || ctx.personId === r.signedById || (ctx.personId === r.personId && r.subjectIsAdult)
      ? allow
      : deny('withdraws a consent: its signer, its adult subject or the operator'),

  /** Users: the operator manages them (п. 5.3, 5.4); the administration may see the list. */
  listUsers: (ctx: AccessContext): Decision => (has(ctx, 'operator') || oversees(ctx) ? allow : deny('the list of users is the operator’s')),
  /** The operator disables and enables accounts — never their own (the school must keep one operator able to act). */
  disableUser: (ctx: AccessContext, r: AccountResource): Decision =>
    !has(ctx, 'operator') ? deny('accounts are managed by the operator (п. 5.4)') : r.userId === ctx.userId ? deny('not one’s own account') : allow,
  enableUser: (ctx: AccessContext, r: AccountResource): Decision =>
    !has(ctx, 'operator') ? deny('accounts are managed by the operator (п. 5.4)') : r.userId === ctx.userId ? deny('not one’s own account') : allow,
  /**
   * Contact details: the class teacher keeps those of their class's students and parents current
   * (п. 6/4.1), the operator anyone's, and everyone their own. The administration only reads.
   */
  updatePersonContacts: (ctx: AccessContext, r: PersonResource): Decision =>
    has(ctx, 'operator') || ctx.personId === r.personId || (r.kind !== 'staff' && r.classIds.some((c) => leadsClassOn(ctx, c, ctx.today)))
      ? allow
      : deny('edits contacts: the class teacher of the class, the operator, or the person themselves'),

  /**
   * A journal (class or subgroup × subject) for the dates shown: the administration; a teacher
   * of it (п. 5.5) or the class teacher (all subjects of the class) for dates they held that
   * place — a teacher replaced in December reads the periods they taught, not the ones after.
   */
  getClassJournal: (ctx: AccessContext, r: JournalResource): Decision =>
    readsWholeSchool(ctx) || taught(ctx, r) || ledClassDuring(ctx, r.classId, r.from, r.to)
      ? allow
      : deny('not the teacher of this journal for these dates, nor the class teacher, nor the administration'),

  /**
   * One lesson with its marks and attendance: whoever keeps it (the substitute of this very lesson
   * included, п. 5.3), and whoever may read its journal on the lesson's date.
   */
  getLesson: (ctx: AccessContext, r: LessonResource): Decision =>
    keeps(ctx, r) ||
    readsWholeSchool(ctx) ||
    taught(ctx, { groupId: r.subgroupId ?? r.classId, subjectId: r.subjectId, from: r.date, to: r.date }) ||
    leadsClassOn(ctx, r.classId, r.date)
      ? allow
      : deny('neither keeps this lesson nor reads its journal'),

  /**
   * Marks of a lesson (п. 5.3, 5.5): whoever keeps it — the substitute named on it, else the
   * teacher whose assignment covers the lesson's date. Parents, students and the administration
   * do not write marks (п. 3.4, 8.2).
   */
  saveLessonMarks: (ctx: AccessContext, r: LessonResource): Decision => {
    if (!has(ctx, 'teacher')) return deny('only teachers keep the journal');
    if (keeps(ctx, r)) return allow;
    return r.substituteTeacherId
      ? deny('a substitute keeps this lesson (п. 5.3)', 'Этот урок ведёт заменяющий учитель (п. 5.3 Положения).')
      : deny('not assigned to this class or subgroup × subject on the lesson date (п. 5.5)');
  },

  /** A lesson's topic, work, homework, status and distance materials (п. 5.1–5.7): whoever keeps it. */
  saveLesson: (ctx: AccessContext, r: LessonResource): Decision => policy.saveLessonMarks(ctx, r),
  /** A lesson's attendance (п. 5.1): whoever keeps it. */
  saveAttendance: (ctx: AccessContext, r: LessonResource): Decision => policy.saveLessonMarks(ctx, r),
  /** The thematic plan of a journal: whoever may read the journal (for the year). */
  getThematicPlan: (ctx: AccessContext, r: JournalResource): Decision => policy.getClassJournal(ctx, r),
  /** Final marks of a period: whoever may read the journal for that period. */
  getFinalMarks: (ctx: AccessContext, r: JournalResource): Decision => policy.getClassJournal(ctx, r),
  /**
   * Setting final marks (п. 6.1): the journal's teacher — the one assigned on the period's last day
   * (or today, if the period is still running). The administration does not set them.
   */
  setFinalMarks: (ctx: AccessContext, r: FinalMarksResource): Decision =>
    taught(ctx, { groupId: r.groupId, subjectId: r.subjectId, from: r.on, to: r.on })
      ? allow
      : deny('sets final marks: the journal’s teacher at the period’s end (п. 6.1)'),
  /** Reopening a closed or locked period for corrections: the coordinator (п. 4.4, 7.3). */
  reopenPeriod: (ctx: AccessContext): Decision => (has(ctx, 'coordinator') ? allow : deny('reopens a period: the coordinator')),
  /** Distance days (п. 5.7): declared by the administration. */
  declareDistanceDays: (ctx: AccessContext): Decision =>
    readsWholeSchool(ctx) ? allow : deny('declares distance days: the administration (п. 5.7)'),
  /** The declared distance days: staff. */
  listDistanceDays: (ctx: AccessContext): Decision =>
    readsWholeSchool(ctx) || has(ctx, 'teacher') ? allow : deny('distance days are for staff'),

  /** Homework files (п. 2.5): uploaded, attached and taken off by whoever keeps the lesson. */
  createHomeworkUpload: (ctx: AccessContext, r: LessonResource): Decision => policy.saveLessonMarks(ctx, r),
  attachHomeworkFile: (ctx: AccessContext, r: LessonResource): Decision => policy.saveLessonMarks(ctx, r),
  removeHomeworkFile: (ctx: AccessContext, r: LessonResource): Decision => policy.saveLessonMarks(ctx, r),
  /**
   * A homework file: whoever may read the lesson, and the students of its class or subgroup and
   * their parents (п. 2.5, 3.4) — by the class and subgroups they are in now.
   */
  getHomeworkFile: (ctx: AccessContext, r: LessonResource): Decision => {
    const inGroup = (g: { classId: string; subgroupIds: readonly string[] }) =>
      g.classId === r.classId && (r.subgroupId === undefined || g.subgroupIds.includes(r.subgroupId));
    if (ctx.enrollment && has(ctx, 'student') && inGroup(ctx.enrollment)) return allow;
    if (has(ctx, 'parent') && ctx.children.some(inGroup)) return allow;
    return policy.getLesson(ctx, r).allowed ? allow : deny('neither a student of this lesson, their parent, nor a reader of its journal');
  },

  /** A mark's history: whoever may read its lesson. */
  getMarkHistory: (ctx: AccessContext, r: LessonResource): Decision => policy.getLesson(ctx, r),

  /** A student's diary and marks: the student, their parent (п. 3.4), their class teacher today, the administration. */
  getStudentDiary: (ctx: AccessContext, r: StudentResource): Decision =>
    isSelf(ctx, r.studentId) || isParentOf(ctx, r.studentId) || leadsClassOn(ctx, r.classId, ctx.today) || readsWholeSchool(ctx)
      ? allow
      : deny('not the student, their parent, their class teacher or the administration (п. 3.4)'),
  getStudentMarks: (ctx: AccessContext, r: StudentResource): Decision => policy.getStudentDiary(ctx, r),

  /** The journals one may open: the list itself is filtered by the same rule as getClassJournal. */
  listMyJournals: (ctx: AccessContext): Decision =>
    readsWholeSchool(ctx) || has(ctx, 'teacher') ? allow : deny('only staff keep or oversee journals'),

  /** A parent's own children. */
  listMyChildren: (ctx: AccessContext): Decision => (has(ctx, 'parent') ? allow : deny('only parents have children here')),

  // ── notifications (п. 2.4, 2.5) ─────────────────────────────────────────────
  /**
   * Every caller their own: the caller's person is the partition key of what these read and
   * write, so no request can name another person's notifications or settings.
   */
  listNotifications: (_ctx: AccessContext): Decision => allow,
  markNotificationsRead: (_ctx: AccessContext): Decision => allow,
  getNotificationSettings: (_ctx: AccessContext): Decision => allow,
  updateNotificationSettings: (_ctx: AccessContext): Decision => allow,
  /** Public: the signed link is the credential; it names its recipient and what it stops. */
  previewUnsubscribe: (): Decision => allow,
  unsubscribe: (): Decision => allow,

  // ── reports and control (п. 2.3, 4.5, 5.10, 5.11, 7.1–7.4) ───────────────────
  /**
   * Marks-based reports: the administration the whole school; a class teacher their class for
   * the dates they led it; a subject teacher their own journals.
   */
  getPerformanceReport: (ctx: AccessContext, r: ReportResource): Decision => reportReader(ctx, r, false),
  getSummarySheet: (ctx: AccessContext, r: ReportResource): Decision =>
    r.classId !== undefined && (oversees(ctx) || leadsClass(ctx, r.classId, r.from, r.to))
      ? allow
      : deny('the summary sheet: the class teacher or the administration'),
  getMarkAccumulationReport: (ctx: AccessContext, r: ReportResource): Decision => reportReader(ctx, r, true),
  /** Attendance: also the operator (current control, п. 5.11). */
  getAttendanceReport: (ctx: AccessContext, r: ReportResource): Decision => reportReader(ctx, r, true),
  /** Journal keeping and programme completion: the operator's and coordinator's control (п. 4.5, 5.11, 7.4); a teacher their own. */
  getJournalKeepingReport: (ctx: AccessContext, r: ReportResource): Decision =>
    readsWholeSchool(ctx) || (r.teacherId !== undefined && r.teacherId === ctx.personId && has(ctx, 'teacher'))
      ? allow
      : deny('journal keeping: the administration, or a teacher their own'),
  getProgrammeCompletionReport: (ctx: AccessContext, r: ReportResource): Decision => policy.getJournalKeepingReport(ctx, r),
  /** Substitutions, for pay: the administration and the operator who records them (п. 5.5). */
  getSubstitutionReport: (ctx: AccessContext, r: ReportResource): Decision =>
    readsWholeSchool(ctx) || (r.teacherId !== undefined && r.teacherId === ctx.personId && has(ctx, 'teacher'))
      ? allow
      : deny('substitutions: the administration, or a teacher their own'),
  /** Usage (п. 5.10): the operator and the administration; a class teacher their class. */
  getUsageReport: (ctx: AccessContext, r: ReportResource): Decision =>
    readsWholeSchool(ctx) || (r.classId !== undefined && leadsClassOn(ctx, r.classId, ctx.today))
      ? allow
      : deny('usage: the operator, the administration or the class teacher'),
  /** An export is the report itself: the service asks the report's own rule. */
  exportReport: (_ctx: AccessContext): Decision => allow,
  /** Stored control reports and checks on demand: the administration and the operator (п. 5.11, 7.2, 7.3). */
  listControlReports: (ctx: AccessContext): Decision => (readsWholeSchool(ctx) ? allow : deny('control reports: the administration')),
  runControlCheck: (ctx: AccessContext, _r: ControlCheckResource): Decision =>
    readsWholeSchool(ctx) ? allow : deny('control checks: the administration', 'Запускать проверки могут администрация и оператор.'),
  /** Backups (п. 7.1): the director ensures them; the operator runs the system. */
  listBackups: (ctx: AccessContext): Decision =>
    has(ctx, 'director') || has(ctx, 'operator') ? allow : deny('backups: the director and the operator (п. 7.1)'),
} as const;

export type PolicyOperation = keyof typeof policy;
