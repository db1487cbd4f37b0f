import { isDateWithin } from '../dates.ts';
import type { Lesson } from '../lesson.ts';
import type { TeachingAssignment } from '../teaching-assignment.ts';

type LessonGroup = Pick<Lesson, 'date' | 'classId' | 'subgroupId' | 'subjectId'>;
type Assignment = Pick<TeachingAssignment, 'teacherId' | 'subjectId' | 'classId' | 'subgroupId' | 'from' | 'to'>;

/**
 * п. 5.5: when a class is split into subgroups for a subject, each subgroup's journal is kept by
 * the teacher of that subgroup. True when `assignment` is `teacherId`'s, for the lesson's
 * subject and exactly its group (the subgroup for a subgroup lesson, the whole class
 * otherwise), and in force on the lesson date. A whole-class assignment does not cover a
 * subgroup's lesson, nor the reverse.
 */
export function isResponsibleTeacher(lesson: LessonGroup, assignment: Assignment, teacherId: string): boolean {
  return (
    assignment.teacherId === teacherId &&
    assignment.subjectId === lesson.subjectId &&
    assignment.classId === lesson.classId &&
    assignment.subgroupId === lesson.subgroupId &&
    isDateWithin(lesson.date, assignment.from, assignment.to)
  );
}

/**
 * п. 5.3 (with п. 5.5): may this teacher keep the journal of this lesson? Yes for the teacher
 * assigned to the lesson's class or subgroup and subject, and for the substitute named on this
 * very lesson. (The authorization policy adds roles such as the operator's; this is the
 * journal rule only.)
 */
export function mayKeepLesson(
  teacherId: string,
  lesson: LessonGroup & Pick<Lesson, 'substituteTeacherId'>,
  assignments: readonly Assignment[],
): boolean {
  if (lesson.substituteTeacherId !== undefined && lesson.substituteTeacherId === teacherId) return true;
  return assignments.some((a) => isResponsibleTeacher(lesson, a, teacherId));
}
