import { describe, expect, it } from 'vitest';
import type { Role } from '#shared/domain/role.ts';
import { operations } from '#shared/api/operations.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy, type PolicyOperation } from '#shared/authz/policy.ts';

/**
 * The declarative matrix: every operation × role × relationship → allow or deny. A new
 * operation without a rule in the policy, or without a row here, fails this suite.
 * "Today" is 2026-12-20 for everyone: after one teacher was replaced (14 December) and after a
 * class changed class teacher (31 October).
 */
const CLASS = 'c-2026-05-А';
const OTHER_CLASS = 'c-2026-06-Б';
const GROUP = 'sg-01JC0000000000000000000003';
const SUBJECT = 'sub-01JC0000000000000000000001';
const OTHER_SUBJECT = 'sub-01JC0000000000000000000002';
const ME = 'p-01JC0000000000000000000010';
const CHILD = 'p-01JC0000000000000000000020';
const OTHER_CHILD = 'p-01JC0000000000000000000021';
const SOMEONE = 'p-01JC0000000000000000000099';
const TODAY = '2026-12-20';

function ctx(roles: Role[], extra: Partial<AccessContext> = {}): AccessContext {
  return { userId: 'u', personId: ME, name: 'Тест', roles, today: TODAY, teaches: [], classTeacherOf: [], children: [], ...extra };
}
const teaching = (groupId: string, subjectId = SUBJECT, dates: { from?: string; to?: string } = {}) => ({
  classId: groupId === GROUP ? CLASS : groupId,
  ...(groupId === GROUP ? { subgroupId: GROUP } : {}),
  groupId,
  subjectId,
  ...dates,
});
const child = (studentId: string) => ({ studentId, name: 'Ребёнок', classId: CLASS, subgroupIds: [], legalRepresentative: true });
const who = {
  director: ctx(['director']),
  coordinator: ctx(['coordinator']),
  operator: ctx(['operator']),
  teacherAssigned: ctx(['teacher'], { teaches: [teaching(CLASS)] }),
  teacherOfSubgroup: ctx(['teacher'], { teaches: [teaching(GROUP)] }),
  teacherNotAssigned: ctx(['teacher'], { teaches: [teaching(OTHER_CLASS)] }),
  /** Teaches the same class another subject: must not reach this subject's journal (the subject check). */
  teacherOtherSubject: ctx(['teacher'], { teaches: [teaching(CLASS, OTHER_SUBJECT)] }),
  /** Taught the class this subject until 14 December, then was replaced. */
  teacherReplaced: ctx(['teacher'], { teaches: [teaching(CLASS, SUBJECT, { to: '2026-12-14' })] }),
  classTeacher: ctx(['teacher'], { classTeacherOf: [{ classId: CLASS }] }),
  /** Led the class until 31 October (the class changed hands). */
  formerClassTeacher: ctx(['teacher'], { classTeacherOf: [{ classId: CLASS, to: '2026-10-31' }] }),
  parentOfChild: ctx(['parent'], { children: [child(CHILD)] }),
  parentOfOther: ctx(['parent'], { children: [child(OTHER_CHILD)] }),
  studentSelf: { ...ctx(['student'], { enrollment: { classId: CLASS, subgroupIds: [] } }), personId: CHILD },
  /** A student of another class. */
  studentOther: { ...ctx(['student'], { enrollment: { classId: OTHER_CLASS, subgroupIds: [] } }), personId: OTHER_CHILD },
  /** The class teacher of another class. */
  otherClassTeacher: ctx(['teacher'], { classTeacherOf: [{ classId: OTHER_CLASS }] }),
  /** Someone else's account (the self-protection rows use `operatorSelf`). */
  operatorSelf: { ...ctx(['operator']), userId: 'self-user' },
} satisfies Record<string, AccessContext>;
type Who = keyof typeof who;

const ADMIN: Who[] = ['director', 'coordinator', 'operator', 'operatorSelf'];
const TEACHERS: Who[] = ['teacherAssigned', 'teacherOfSubgroup', 'teacherNotAssigned', 'teacherOtherSubject', 'teacherReplaced', 'classTeacher', 'formerClassTeacher', 'otherClassTeacher'];

const q2 = { from: '2026-11-05', to: '2026-12-28' };
const q3 = { from: '2027-01-12', to: '2027-03-21' };
const journal = { classId: CLASS, groupId: CLASS, subjectId: SUBJECT, ...q2 };
const lessonOn = (date: string, extra: object = {}) => ({ date, classId: CLASS, subjectId: SUBJECT, teacherId: SOMEONE, ...extra });
const december1 = lessonOn('2026-12-01');
const december18 = lessonOn('2026-12-18');
const substitutedByMe = lessonOn('2026-12-18', { substituteTeacherId: ME });
const substitutedBySomeone = lessonOn('2026-12-01', { substituteTeacherId: SOMEONE });
const student = { studentId: CHILD, classId: CLASS };

type Case = { resource?: unknown; allowed: Who[] };
const everyone = Object.keys(who) as Who[];
const classScope = { kind: 'class', classId: CLASS } as const;
const staffScope = { kind: 'staff' } as const;
type Invitee = { kind: string; roles: string[]; personId?: string; hasAccount?: boolean };
const issue = (scope: unknown, ...invitees: Invitee[]) => ({ scope, invitees: invitees.map((i) => ({ personId: SOMEONE, hasAccount: false, ...i })) });
const matrix: Record<PolicyOperation, Case[]> = {
  getHealth: [{ allowed: everyone }],
  getOpenApiDocument: [{ allowed: everyone }],
  getMe: [{ allowed: everyone }],
  signOutEverywhere: [{ allowed: everyone }],
  previewInviteCode: [{ allowed: everyone }],
  redeemInviteCode: [{ allowed: everyone }],
  getConsentDocument: [{ allowed: everyone }],
  // п. 3.1: parents and students get codes from their class teacher, staff from the operator.
  issueInviteCodes: [
    { resource: issue(classScope, { kind: 'parent', roles: ['parent'] }, { kind: 'student', roles: ['student'] }), allowed: ['operator', 'operatorSelf', 'classTeacher'] },
    // A parent who already has an account: the code would reset its password — the operator's in-person recovery only.
    { resource: issue(classScope, { kind: 'parent', roles: ['parent'], hasAccount: true }), allowed: ['operator', 'operatorSelf'] },
    // A person not of this class (an altered id) is `unknown`: nobody may issue to them here.
    { resource: issue(classScope, { kind: 'unknown', roles: ['parent'] }), allowed: [] },
    // A class teacher cannot make a parent an operator, nor a student a parent.
    { resource: issue(classScope, { kind: 'parent', roles: ['operator'] }), allowed: [] },
    { resource: issue(classScope, { kind: 'student', roles: ['parent'] }), allowed: [] },
    { resource: issue(staffScope, { kind: 'staff', roles: ['teacher', 'coordinator'] }), allowed: ['operator', 'operatorSelf'] },
    { resource: issue(staffScope, { kind: 'staff', roles: ['director'], hasAccount: true }), allowed: ['operator', 'operatorSelf'] },
    // Nobody issues a code to themselves: the operator cannot make herself director.
    { resource: issue(staffScope, { kind: 'staff', roles: ['operator', 'director'], personId: ME, hasAccount: true }), allowed: [] },
    { resource: issue(staffScope, { kind: 'parent', roles: ['parent'] }), allowed: [] },
    { resource: issue(staffScope, { kind: 'staff', roles: ['parent'] }), allowed: [] },
  ],
  listInviteCodes: [
    { resource: classScope, allowed: [...ADMIN, 'classTeacher'] },
    { resource: staffScope, allowed: ADMIN },
  ],
  revokeInviteCode: [
    { resource: classScope, allowed: ['operator', 'operatorSelf', 'classTeacher'] },
    { resource: staffScope, allowed: ['operator', 'operatorSelf'] },
  ],
  listInvitees: [
    { resource: classScope, allowed: ['operator', 'operatorSelf', 'classTeacher'] },
    { resource: staffScope, allowed: ['operator', 'operatorSelf'] },
  ],
  listConsents: [{ allowed: ['director', 'operator', 'operatorSelf'] }],
  // The signer, the adult subject (a student who came of age), or the operator on a written request.
  withdrawConsent: [
    { resource: { signedById: ME, personId: CHILD, subjectIsAdult: false }, allowed: everyone.filter((w) => w !== 'studentSelf' && w !== 'studentOther') },
    { resource: { signedById: SOMEONE, personId: CHILD, subjectIsAdult: true }, allowed: ['operator', 'operatorSelf', 'studentSelf'] },
    { resource: { signedById: SOMEONE, personId: CHILD, subjectIsAdult: false }, allowed: ['operator', 'operatorSelf'] },
  ],
  listUsers: [{ allowed: ADMIN }],
  disableUser: [{ resource: { userId: 'self-user' }, allowed: ['operator'] }],
  enableUser: [{ resource: { userId: 'self-user' }, allowed: ['operator'] }],
  // п. 6/4.1: the class teacher (today's) keeps the class's students' and parents' contacts; the operator anyone's; each their own.
  updatePersonContacts: [
    { resource: { personId: CHILD, kind: 'student', classIds: [CLASS] }, allowed: ['operator', 'operatorSelf', 'classTeacher', 'studentSelf'] },
    { resource: { personId: 'p-parent', kind: 'parent', classIds: [CLASS, OTHER_CLASS] }, allowed: ['operator', 'operatorSelf', 'classTeacher', 'otherClassTeacher'] },
    { resource: { personId: ME, kind: 'staff', classIds: [] }, allowed: everyone.filter((w) => w !== 'studentSelf' && w !== 'studentOther') },
    { resource: { personId: 'p-colleague', kind: 'staff', classIds: [] }, allowed: ['operator', 'operatorSelf'] },
  ],
  listMyJournals: [{ allowed: [...ADMIN, ...TEACHERS] }],
  // п. 5.5 per dates: the replaced teacher reads the quarter they taught in, not the next; the former class teacher neither.
  getClassJournal: [
    { resource: journal, allowed: [...ADMIN, 'teacherAssigned', 'teacherReplaced', 'classTeacher'] },
    { resource: { ...journal, ...q3 }, allowed: [...ADMIN, 'teacherAssigned', 'classTeacher'] },
    { resource: { ...journal, groupId: GROUP }, allowed: [...ADMIN, 'teacherOfSubgroup', 'classTeacher'] },
    { resource: { ...journal, subjectId: OTHER_SUBJECT }, allowed: [...ADMIN, 'teacherOtherSubject', 'classTeacher'] },
    { resource: { ...journal, from: '2026-09-01', to: '2026-10-24' }, allowed: [...ADMIN, 'teacherAssigned', 'teacherReplaced', 'classTeacher', 'formerClassTeacher'] },
  ],
  // One lesson: whoever keeps it (its substitute included) or reads its journal on its date.
  getLesson: [
    { resource: december1, allowed: [...ADMIN, 'teacherAssigned', 'teacherReplaced', 'classTeacher'] },
    { resource: december18, allowed: [...ADMIN, 'teacherAssigned', 'classTeacher'] },
    { resource: substitutedByMe, allowed: [...ADMIN, ...TEACHERS] },
    { resource: substitutedBySomeone, allowed: [...ADMIN, 'teacherAssigned', 'teacherReplaced', 'classTeacher'] },
    { resource: { ...december1, subgroupId: GROUP }, allowed: [...ADMIN, 'teacherOfSubgroup', 'classTeacher'] },
  ],
  getMarkHistory: [
    { resource: december1, allowed: [...ADMIN, 'teacherAssigned', 'teacherReplaced', 'classTeacher'] },
    { resource: substitutedByMe, allowed: [...ADMIN, ...TEACHERS] },
  ],
  // п. 5.5: the teacher assigned on the lesson's date; п. 5.3: when a substitute keeps the lesson, only the substitute.
  saveLessonMarks: [
    { resource: december1, allowed: ['teacherAssigned', 'teacherReplaced'] },
    { resource: december18, allowed: ['teacherAssigned'] },
    { resource: { ...december1, subgroupId: GROUP }, allowed: ['teacherOfSubgroup'] },
    { resource: { ...december1, subjectId: OTHER_SUBJECT }, allowed: ['teacherOtherSubject'] },
    { resource: substitutedByMe, allowed: TEACHERS },
    { resource: substitutedBySomeone, allowed: [] },
  ],
  saveLesson: [
    { resource: december1, allowed: ['teacherAssigned', 'teacherReplaced'] },
    { resource: december18, allowed: ['teacherAssigned'] },
    { resource: substitutedByMe, allowed: TEACHERS },
    { resource: substitutedBySomeone, allowed: [] },
  ],
  saveAttendance: [
    { resource: december1, allowed: ['teacherAssigned', 'teacherReplaced'] },
    { resource: { ...december1, subgroupId: GROUP }, allowed: ['teacherOfSubgroup'] },
    { resource: substitutedByMe, allowed: TEACHERS },
  ],
  // п. 2.5: homework files are kept by whoever keeps the lesson …
  createHomeworkUpload: [
    { resource: december1, allowed: ['teacherAssigned', 'teacherReplaced'] },
    { resource: substitutedByMe, allowed: TEACHERS },
    { resource: substitutedBySomeone, allowed: [] },
  ],
  attachHomeworkFile: [
    { resource: december1, allowed: ['teacherAssigned', 'teacherReplaced'] },
    { resource: { ...december1, subgroupId: GROUP }, allowed: ['teacherOfSubgroup'] },
    { resource: substitutedBySomeone, allowed: [] },
  ],
  removeHomeworkFile: [
    { resource: december1, allowed: ['teacherAssigned', 'teacherReplaced'] },
    { resource: substitutedByMe, allowed: TEACHERS },
  ],
  // … and read by the lesson's students and their parents (п. 3.4: of this class only) and whoever reads the lesson.
  getHomeworkFile: [
    { resource: december1, allowed: [...ADMIN, 'teacherAssigned', 'teacherReplaced', 'classTeacher', 'studentSelf', 'parentOfChild', 'parentOfOther'] },
    { resource: { ...december1, subgroupId: GROUP }, allowed: [...ADMIN, 'teacherOfSubgroup', 'classTeacher'] },
    { resource: lessonOn('2026-12-01', { classId: OTHER_CLASS }), allowed: [...ADMIN, 'teacherNotAssigned', 'otherClassTeacher', 'studentOther'] },
  ],
  getThematicPlan: [{ resource: journal, allowed: [...ADMIN, 'teacherAssigned', 'teacherReplaced', 'classTeacher'] }],
  getFinalMarks: [
    { resource: journal, allowed: [...ADMIN, 'teacherAssigned', 'teacherReplaced', 'classTeacher'] },
    { resource: { ...journal, subjectId: OTHER_SUBJECT }, allowed: [...ADMIN, 'teacherOtherSubject', 'classTeacher'] },
  ],
  // п. 6.1: the journal's teacher at the period's end — not the one replaced before it, not the administration.
  setFinalMarks: [
    { resource: { ...journal, on: '2026-12-28' }, allowed: ['teacherAssigned'] },
    { resource: { ...journal, on: '2026-12-10' }, allowed: ['teacherAssigned', 'teacherReplaced'] },
    { resource: { ...journal, groupId: GROUP, on: '2026-12-28' }, allowed: ['teacherOfSubgroup'] },
  ],
  reopenPeriod: [{ allowed: ['coordinator'] }],
  declareDistanceDays: [{ allowed: ADMIN }],
  listDistanceDays: [{ allowed: [...ADMIN, ...TEACHERS] }],
  // п. 3.4: a student and a parent see only their own.
  getStudentDiary: [{ resource: student, allowed: [...ADMIN, 'classTeacher', 'parentOfChild', 'studentSelf'] }],
  getStudentMarks: [{ resource: student, allowed: [...ADMIN, 'classTeacher', 'parentOfChild', 'studentSelf'] }],
  listMyChildren: [{ allowed: ['parentOfChild', 'parentOfOther'] }],
  // п. 2.4: everyone reads and sets their own — the caller's person keys every read and write.
  listNotifications: [{ allowed: everyone }],
  markNotificationsRead: [{ allowed: everyone }],
  getNotificationSettings: [{ allowed: everyone }],
  updateNotificationSettings: [{ allowed: everyone }],
  // Public: the signed link is the credential (tampered links are refused by the service).
  previewUnsubscribe: [{ allowed: everyone }],
  unsubscribe: [{ allowed: everyone }],
  // Reports (п. 2.3): the whole school, one class (its class teacher for the dates), a teacher's own journals.
  getPerformanceReport: [
    { resource: { ...q2 }, allowed: ['director', 'coordinator'] },
    { resource: { classId: CLASS, ...q2 }, allowed: ['director', 'coordinator', 'classTeacher'] },
    { resource: { classId: CLASS, ...q3 }, allowed: ['director', 'coordinator', 'classTeacher'] },
    { resource: { teacherId: ME, ...q2 }, allowed: ['director', 'coordinator', ...TEACHERS] },
    { resource: { teacherId: SOMEONE, ...q2 }, allowed: ['director', 'coordinator'] },
    { resource: { classId: CLASS, teacherId: SOMEONE, ...q2 }, allowed: ['director', 'coordinator'] },
  ],
  getSummarySheet: [
    { resource: { classId: CLASS, ...q2 }, allowed: ['director', 'coordinator', 'classTeacher'] },
    { resource: { classId: CLASS, from: '2026-09-01', to: '2026-10-23' }, allowed: ['director', 'coordinator', 'classTeacher', 'formerClassTeacher'] },
    { resource: { classId: OTHER_CLASS, ...q2 }, allowed: ['director', 'coordinator', 'otherClassTeacher'] },
    { resource: { ...q2 }, allowed: [] },
  ],
  getMarkAccumulationReport: [
    { resource: { ...q2 }, allowed: ADMIN },
    { resource: { classId: CLASS, ...q2 }, allowed: [...ADMIN, 'classTeacher'] },
    { resource: { teacherId: ME, ...q2 }, allowed: [...ADMIN, ...TEACHERS] },
  ],
  getAttendanceReport: [
    { resource: { ...q2 }, allowed: ADMIN },
    { resource: { classId: CLASS, ...q2 }, allowed: [...ADMIN, 'classTeacher'] },
  ],
  getJournalKeepingReport: [
    { resource: { ...q2 }, allowed: ADMIN },
    { resource: { teacherId: ME, ...q2 }, allowed: [...ADMIN, ...TEACHERS] },
    { resource: { teacherId: SOMEONE, ...q2 }, allowed: ADMIN },
  ],
  getProgrammeCompletionReport: [
    { resource: { ...q2 }, allowed: ADMIN },
    { resource: { teacherId: ME, ...q2 }, allowed: [...ADMIN, ...TEACHERS] },
    { resource: { classId: CLASS, ...q2 }, allowed: ADMIN },
  ],
  getSubstitutionReport: [
    { resource: { ...q2 }, allowed: ADMIN },
    { resource: { teacherId: ME, ...q2 }, allowed: [...ADMIN, ...TEACHERS] },
  ],
  getUsageReport: [
    { resource: { from: TODAY, to: TODAY }, allowed: ADMIN },
    { resource: { classId: CLASS, from: TODAY, to: TODAY }, allowed: [...ADMIN, 'classTeacher'] },
  ],
  /** The export asks the report's own rule (export-report.ts); the operation itself is open to every caller. */
  exportReport: [{ allowed: everyone }],
  listControlReports: [{ allowed: ADMIN }],
  runControlCheck: [{ resource: { check: 'period-control' }, allowed: ADMIN }],
  listBackups: [{ allowed: ['director', 'operator', 'operatorSelf'] }],
};

describe('the authorization policy', () => {
  it('has a rule for every API operation, and this matrix a row for every rule', () => {
    const ids = operations.map((o) => o.operationId).sort();
    expect(Object.keys(policy).sort()).toEqual(ids);
    expect(Object.keys(matrix).sort()).toEqual(ids);
  });

  for (const [operation, cases] of Object.entries(matrix) as [PolicyOperation, Case[]][]) {
    cases.forEach((c, i) => {
      for (const name of Object.keys(who) as Who[]) {
        const expected = c.allowed.includes(name);
        it(`${operation}#${i}: ${name} → ${expected ? 'allow' : 'deny'}`, () => {
          const rule = policy[operation] as (ctx: AccessContext, resource?: unknown) => { allowed: boolean };
          expect(rule(who[name], c.resource).allowed).toBe(expected);
        });
      }
    });
  }

  it('a refusal the user can act on says so in Russian; the log reason stays English', () => {
    const d = policy.issueInviteCodes(who.classTeacher, issue(classScope, { kind: 'parent', roles: ['parent'], hasAccount: true }) as never);
    expect(d).toMatchObject({ allowed: false, message: expect.stringContaining('только школьный оператор') });
    const self = policy.issueInviteCodes(who.operator, issue(staffScope, { kind: 'staff', roles: ['director'], personId: ME }) as never);
    expect(self).toMatchObject({ allowed: false, message: expect.stringContaining('Себе пригласительный код выдать нельзя') });
  });
});
