import { describe, expect, it } from 'vitest';
import { isResponsibleTeacher, mayKeepLesson, type TeachingAssignment } from '#shared/domain/index.ts';
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
  const group1Teacher = assignment({ teacherId: teacher, subgroupId: group1 });
  const group2Teacher = assignment({ teacherId: otherTeacher, subgroupId: group2 });

  it('п. 5.5: the teacher of subgroup 1 keeps subgroup 1’s lesson', () => {
    expect(isResponsibleTeacher(group1Lesson, group1Teacher, teacher)).toBe(true);
  });

  it('п. 5.5: the teacher of subgroup 2 does not keep subgroup 1’s lesson', () => {
    expect(isResponsibleTeacher(group1Lesson, group2Teacher, otherTeacher)).toBe(false);
  });

  it('п. 5.5: someone else’s assignment does not make a teacher responsible', () => {
    expect(isResponsibleTeacher(group1Lesson, group1Teacher, otherTeacher)).toBe(false);
  });

  it('п. 5.5: a whole-class assignment does not cover a subgroup lesson, nor the reverse', () => {
    expect(isResponsibleTeacher(group1Lesson, assignment({}), teacher)).toBe(false);
    expect(isResponsibleTeacher({ ...group1Lesson, subgroupId: undefined }, group1Teacher, teacher)).toBe(false);
  });

  it('п. 5.5: subject and dates of the assignment must match', () => {
    expect(isResponsibleTeacher({ ...group1Lesson, subjectId: math }, group1Teacher, teacher)).toBe(false);
    const fromOctober = assignment({ subgroupId: group1, from: '2026-10-01' });
    expect(isResponsibleTeacher(group1Lesson, fromOctober, teacher)).toBe(false);
    expect(isResponsibleTeacher({ ...group1Lesson, date: '2026-10-01' }, fromOctober, teacher)).toBe(true);
  });
});

describe('п. 5.3: a substitute keeps the journal of the lessons substituted', () => {
  const assignments = [
    assignment({ teacherId: teacher, subjectId: math }),
    assignment({ teacherId: otherTeacher, subgroupId: group1 }),
  ];

  it('п. 5.3: the assigned teacher may keep the lesson', () => {
    expect(mayKeepLesson(teacher, wholeClassMath, assignments)).toBe(true);
    expect(mayKeepLesson(otherTeacher, group1Lesson, assignments)).toBe(true);
  });

  it('п. 5.3: the substitute named on the lesson may keep it', () => {
    expect(mayKeepLesson(substitute, { ...wholeClassMath, substituteTeacherId: substitute }, assignments)).toBe(true);
  });

  it('п. 5.3: a substitute of another lesson, or an unassigned teacher, may not', () => {
    expect(mayKeepLesson(substitute, wholeClassMath, assignments)).toBe(false);
    expect(mayKeepLesson(otherTeacher, wholeClassMath, assignments)).toBe(false);
    expect(mayKeepLesson(teacher, group1Lesson, assignments)).toBe(false);
  });
});
