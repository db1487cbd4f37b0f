import { describe, expect, it } from 'vitest';
import type { Role } from '#shared/api/identity.ts';
import { operations } from '#shared/api/operations.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy, type PolicyOperation } from '#shared/authz/policy.ts';

/**
 * The declarative matrix: every operation × role × relationship → allow or deny. A new
 * operation without a rule in the policy, or without a row here, fails this suite.
 */
const CLASS = 'c-2026-05-А';
const OTHER_CLASS = 'c-2026-06-Б';
const GROUP = 'sg-01JC0000000000000000000003';
const SUBJECT = 'sub-01JC0000000000000000000001';
const ME = 'p-01JC0000000000000000000010';
const CHILD = 'p-01JC0000000000000000000020';
const OTHER_CHILD = 'p-01JC0000000000000000000021';

function ctx(roles: Role[], extra: Partial<AccessContext> = {}): AccessContext {
  return { userId: 'u', personId: ME, name: 'Тест', roles, teaches: [], classTeacherOf: [], children: [], ...extra };
}
const who = {
  director: ctx(['director']),
  coordinator: ctx(['coordinator']),
  operator: ctx(['operator']),
  teacherAssigned: ctx(['teacher'], { teaches: [{ classId: CLASS, groupId: CLASS, subjectId: SUBJECT }] }),
  teacherOfSubgroup: ctx(['teacher'], { teaches: [{ classId: CLASS, groupId: GROUP, subjectId: SUBJECT }] }),
  teacherNotAssigned: ctx(['teacher'], { teaches: [{ classId: OTHER_CLASS, groupId: OTHER_CLASS, subjectId: SUBJECT }] }),
  classTeacher: ctx(['teacher'], { classTeacherOf: [CLASS] }),
  parentOfChild: ctx(['parent'], { children: [{ studentId: CHILD, name: 'Ребёнок', classId: CLASS, subgroupIds: [] }] }),
  parentOfOther: ctx(['parent'], { children: [{ studentId: OTHER_CHILD, name: 'Другой', classId: CLASS, subgroupIds: [] }] }),
  studentSelf: { ...ctx(['student']), personId: CHILD },
  studentOther: { ...ctx(['student']), personId: OTHER_CHILD },
  /** The class teacher of another class. */
  otherClassTeacher: ctx(['teacher'], { classTeacherOf: [OTHER_CLASS] }),
  /** Someone else's account (the self-protection rows use `operatorSelf`). */
  operatorSelf: { ...ctx(['operator']), userId: 'self-user' },
} satisfies Record<string, AccessContext>;
type Who = keyof typeof who;

const journal = { classId: CLASS, groupId: CLASS, subjectId: SUBJECT };
const lesson = { classId: CLASS, subjectId: SUBJECT, teacherId: 'p-x' };
const substituted = { ...lesson, substituteTeacherId: ME };
const student = { studentId: CHILD, classId: CLASS };

type Case = { resource?: unknown; allowed: Who[] };
const everyone = Object.keys(who) as Who[];
const classScope = { kind: 'class', classId: CLASS } as const;
const staffScope = { kind: 'staff' } as const;
const issue = (scope: unknown, ...invitees: { kind: string; roles: string[] }[]) => ({ scope, invitees });
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
    // A person not of this class (an altered id) is `unknown`: nobody may issue to them here.
    { resource: issue(classScope, { kind: 'unknown', roles: ['parent'] }), allowed: [] },
    // A class teacher cannot make a parent an operator, nor a student a parent.
    { resource: issue(classScope, { kind: 'parent', roles: ['operator'] }), allowed: [] },
    { resource: issue(classScope, { kind: 'student', roles: ['parent'] }), allowed: [] },
    { resource: issue(staffScope, { kind: 'staff', roles: ['teacher', 'coordinator'] }), allowed: ['operator', 'operatorSelf'] },
    { resource: issue(staffScope, { kind: 'parent', roles: ['parent'] }), allowed: [] },
    { resource: issue(staffScope, { kind: 'staff', roles: ['parent'] }), allowed: [] },
  ],
  listInviteCodes: [
    { resource: classScope, allowed: ['director', 'coordinator', 'operator', 'operatorSelf', 'classTeacher'] },
    { resource: staffScope, allowed: ['director', 'coordinator', 'operator', 'operatorSelf'] },
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
  // The signer (ME signed it) or the operator on a written request.
  withdrawConsent: [
    { resource: { signedById: ME }, allowed: ['director', 'coordinator', 'operator', 'operatorSelf', 'teacherAssigned', 'teacherOfSubgroup', 'teacherNotAssigned', 'classTeacher', 'parentOfChild', 'parentOfOther', 'otherClassTeacher'] },
    { resource: { signedById: OTHER_CHILD }, allowed: ['operator', 'operatorSelf', 'studentOther'] },
  ],
  listUsers: [{ allowed: ['director', 'coordinator', 'operator', 'operatorSelf'] }],
  disableUser: [{ resource: { userId: 'self-user' }, allowed: ['operator'] }],
  enableUser: [{ resource: { userId: 'self-user' }, allowed: ['operator'] }],
  // п. 6/4.1: the class teacher keeps the class's students' and parents' contacts; the operator anyone's; each their own.
  updatePersonContacts: [
    { resource: { personId: CHILD, kind: 'student', classIds: [CLASS] }, allowed: ['operator', 'operatorSelf', 'classTeacher', 'studentSelf'] },
    { resource: { personId: 'p-parent', kind: 'parent', classIds: [CLASS, OTHER_CLASS] }, allowed: ['operator', 'operatorSelf', 'classTeacher', 'otherClassTeacher'] },
    { resource: { personId: ME, kind: 'staff', classIds: [] }, allowed: ['director', 'coordinator', 'operator', 'operatorSelf', 'teacherAssigned', 'teacherOfSubgroup', 'teacherNotAssigned', 'classTeacher', 'parentOfChild', 'parentOfOther', 'otherClassTeacher'] },
    { resource: { personId: 'p-colleague', kind: 'staff', classIds: [] }, allowed: ['operator', 'operatorSelf'] },
  ],
  listMyJournals: [{ allowed: ['director', 'coordinator', 'operator', 'operatorSelf', 'teacherAssigned', 'teacherOfSubgroup', 'teacherNotAssigned', 'classTeacher', 'otherClassTeacher'] }],
  getClassJournal: [
    { resource: journal, allowed: ['director', 'coordinator', 'operator', 'operatorSelf', 'teacherAssigned', 'classTeacher'] },
    { resource: { ...journal, groupId: GROUP }, allowed: ['director', 'coordinator', 'operator', 'operatorSelf', 'teacherOfSubgroup', 'classTeacher'] },
  ],
  getMarkHistory: [{ resource: journal, allowed: ['director', 'coordinator', 'operator', 'operatorSelf', 'teacherAssigned', 'classTeacher'] }],
  // п. 5.5: the assigned teacher; п. 5.3: when a substitute keeps the lesson, only the substitute.
  saveLessonMarks: [
    { resource: lesson, allowed: ['teacherAssigned'] },
    { resource: { ...lesson, subgroupId: GROUP }, allowed: ['teacherOfSubgroup'] },
    { resource: substituted, allowed: ['teacherAssigned', 'teacherOfSubgroup', 'teacherNotAssigned', 'classTeacher', 'otherClassTeacher'] },
  ],
  // п. 3.4: a student and a parent see only their own.
  getStudentDiary: [{ resource: student, allowed: ['director', 'coordinator', 'operator', 'operatorSelf', 'classTeacher', 'parentOfChild', 'studentSelf'] }],
  getStudentMarks: [{ resource: student, allowed: ['director', 'coordinator', 'operator', 'operatorSelf', 'classTeacher', 'parentOfChild', 'studentSelf'] }],
  listMyChildren: [{ allowed: ['parentOfChild', 'parentOfOther'] }],
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
});
