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

const has = (ctx: AccessContext, role: string) => ctx.roles.includes(role as never);
/** Director and coordinator read everything (п. 4.1, 7.3); the operator runs the monthly journal control (п. 5.11). */
const readsWholeSchool = (ctx: AccessContext) => has(ctx, 'director') || has(ctx, 'coordinator') || has(ctx, 'operator');
const teaches = (ctx: AccessContext, groupId: string, subjectId: string) =>
  has(ctx, 'teacher') && ctx.teaches.some((t) => t.groupId === groupId && t.subjectId === subjectId);
const isClassTeacherOf = (ctx: AccessContext, classId: string) => has(ctx, 'teacher') && ctx.classTeacherOf.includes(classId);
const isParentOf = (ctx: AccessContext, studentId: string) => has(ctx, 'parent') && ctx.children.some((c) => c.studentId === studentId);
const isSelf = (ctx: AccessContext, studentId: string) => has(ctx, 'student') && ctx.personId === studentId;

export const policy = {
  getHealth: (): Decision => allow,
  getOpenApiDocument: (): Decision => allow,
  getMe: (): Decision => allow,

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
