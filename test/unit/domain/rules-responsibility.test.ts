import { describe, expect, it } from 'vitest';
import { assignmentCoversLesson, keepsLesson, type TeachingAssignment } from '#shared/domain/index.ts';
import { class5a, english, group1, group2, id, math, otherTeacher, substitute, teacher } from './fixtures.ts';

const assignment = (over: Partial<TeachingAssignment>): TeachingAssignment => ({
  id: id('teachingAssignment'),
  academicYearId: '2026-2027',
  teacherId: teacher,
  subjectId: english,
  classId: class5a,
  ...over,
});

const group1Lesson = { date: '2026-09-01', classId: class5a, subgroupId: group1, subjectId: english };
const wholeClassMath = { date: '2026-09-01', classId: class5a, subjectId: math };

describe('п. 5.5: a subgroup is kept by its own teacher', () => {
  it('п. 5.5: the assignment of subgroup 1 covers subgroup 1’s lesson, not subgroup 2’s', () => {
    expect(assignmentCoversLesson(group1Lesson, assignment({ subgroupId: group1 }))).toBe(true);
    expect(assignmentCoversLesson(group1Lesson, assignment({ subgroupId: group2 }))).toBe(false);
  });

  it('п. 5.5: a whole-class assignment does not cover a subgroup lesson, nor the reverse', () => {
    expect(assignmentCoversLesson(group1Lesson, assignment({}))).toBe(false);
    expect(assignmentCoversLesson({ ...group1Lesson, subgroupId: undefined }, assignment({ subgroupId: group1 }))).toBe(false);
  });

  it('п. 5.5: the subject must match — teaching English in 5А does not cover 5А’s mathematics', () => {
    expect(assignmentCoversLesson(wholeClassMath, assignment({}))).toBe(false);
    expect(assignmentCoversLesson(wholeClassMath, assignment({ subjectId: math }))).toBe(true);
  });

  it('п. 5.5: only on dates the assignment is in force (a teacher replaced in December keeps November)', () => {
    const untilDecember = assignment({ subjectId: math, to: '2026-12-14' });
    expect(assignmentCoversLesson({ ...wholeClassMath, date: '2026-12-14' }, untilDecember)).toBe(true);
    expect(assignmentCoversLesson({ ...wholeClassMath, date: '2026-12-15' }, untilDecember)).toBe(false);
    const fromOctober = assignment({ subgroupId: group1, from: '2026-10-01' });
    expect(assignmentCoversLesson(group1Lesson, fromOctober)).toBe(false);
    expect(assignmentCoversLesson({ ...group1Lesson, date: '2026-10-01' }, fromOctober)).toBe(true);
  });
});

describe('п. 5.3: who keeps a lesson — one rule', () => {
  const mathOf5A = [assignment({ subjectId: math })];

  it('п. 5.5: the teacher whose own assignment covers the lesson keeps it', () => {
    expect(keepsLesson(teacher, wholeClassMath, mathOf5A)).toBe(true);
    expect(keepsLesson(otherTeacher, group1Lesson, [assignment({ teacherId: otherTeacher, subgroupId: group1 })])).toBe(true);
  });

  it('п. 5.3: the substitute named on the lesson keeps it — and the assigned teacher then does not', () => {
    const substituted = { ...wholeClassMath, substituteTeacherId: substitute };
    expect(keepsLesson(substitute, substituted, [])).toBe(true);
    expect(keepsLesson(teacher, substituted, mathOf5A)).toBe(false);
  });

  it('п. 5.3: a substitute of another lesson, a teacher without an assignment, another subject: no', () => {
    expect(keepsLesson(substitute, wholeClassMath, [])).toBe(false);
    expect(keepsLesson(otherTeacher, wholeClassMath, [])).toBe(false);
    expect(keepsLesson(teacher, group1Lesson, mathOf5A)).toBe(false);
  });
});
