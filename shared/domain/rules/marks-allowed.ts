import { RuleViolationError, violation, type RuleViolation } from './violation.ts';

/**
 * п. 5.6: first-grade students get no marks in any subject (current or final); the rest of
 * the journal (topics, attendance, homework) is kept as usual.
 */
export function checkMarkAllowed(grade: number): RuleViolation | null {
  return grade === 1
    ? violation('п. 5.6', 'MARKS_NOT_ALLOWED_GRADE_1', 'В 1 классе отметки не выставляются', { grade })
    : null;
}

/** п. 5.6: throws a RuleViolationError for a grade-1 class. */
export function assertMarksAllowed(grade: number): void {
  const v = checkMarkAllowed(grade);
  if (v) throw new RuleViolationError([v]);
}
