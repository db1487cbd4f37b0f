import { isDateWithin } from '../dates.ts';
import type { Lesson } from '../lesson.ts';
import type { TeachingAssignment } from '../teaching-assignment.ts';

type LessonGroup = Pick<Lesson, 'date' | 'classId' | 'subgroupId' | 'subjectId'>;
type AssignmentScope = Pick<TeachingAssignment, 'subjectId' | 'classId' | 'subgroupId' | 'from' | 'to'>;

/**
 * п. 5.5: an assignment covers a lesson when it is for the lesson's subject and exactly its group
 * (the subgroup for a subgroup lesson, the whole class otherwise) and in force on the lesson's
 * date. A whole-class assignment does not cover a subgroup's lesson, nor the reverse; a teacher
 * replaced in December covers the lessons up to their last day, not after.
 */
export function assignmentCoversLesson(lesson: LessonGroup, assignment: AssignmentScope): boolean {
  return (
    assignment.subjectId === lesson.subjectId &&
    assignment.classId === lesson.classId &&
    assignment.subgroupId === lesson.subgroupId &&
    isDateWithin(lesson.date, assignment.from, assignment.to)
  );
}

/**
 * п. 5.3 with п. 5.5 — the one rule for who keeps (writes) a lesson's journal: the substitute
 * named on the lesson, when there is one (the assigned teacher then does not write it); otherwise
 * a teacher one of whose own assignments covers the lesson. `ownAssignments` are `teacherId`'s.
 * The authorization policy applies this rule; it adds nothing for other roles.
 */
export function keepsLesson(
  teacherId: string,
  lesson: LessonGroup & Pick<Lesson, 'substituteTeacherId'>,
  ownAssignments: readonly AssignmentScope[],
): boolean {
  if (lesson.substituteTeacherId !== undefined) return lesson.substituteTeacherId === teacherId;
  return ownAssignments.some((a) => assignmentCoversLesson(lesson, a));
}
