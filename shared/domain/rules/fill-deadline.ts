import { formatDateRu, toEpochMs, type InstantInput, type IsoDate } from '../dates.ts';
import type { Lesson } from '../lesson.ts';
import type { Mark } from '../mark.ts';
import { FILL_DEADLINE_DAYS } from '../school-settings.ts';
import { findWorkType, type WorkType } from '../work-types.ts';
import { deadlineAfter, describeDeadline, type Deadline } from './deadline.ts';
import { violation, type RuleViolation } from './violation.ts';

/**
 * п. 5.2: the journal for a lesson is filled within two days of the lesson — by the end of the
 * lesson date + 2 calendar days in the school time zone (a lesson on Tuesday 01.09 is due by
 * Thursday 03.09, 24:00 local). `days` comes from the school settings (default 2).
 */
export function fillDeadline(lessonDate: IsoDate, timeZone: string, days: number = FILL_DEADLINE_DAYS): Deadline {
  return deadlineAfter(lessonDate, days, timeZone);
}

/** п. 5.2: was the lesson's entry completed after its deadline? Late filling is allowed but recorded. */
export function isFilledLate(
  lesson: Pick<Lesson, 'date'>,
  filledAt: InstantInput,
  timeZone: string,
  days: number = FILL_DEADLINE_DAYS,
): boolean {
  return toEpochMs(filledAt) >= toEpochMs(fillDeadline(lesson.date, timeZone, days).endsAt);
}

/** п. 5.2: is the lesson still unfilled after its deadline (a cancelled lesson never is)? */
export function isOverdue(
  lesson: Pick<Lesson, 'date' | 'status' | 'filledAt'>,
  now: InstantInput,
  timeZone: string,
  days: number = FILL_DEADLINE_DAYS,
): boolean {
  if (lesson.status === 'cancelled' || lesson.filledAt !== undefined) return false;
  return toEpochMs(now) >= toEpochMs(fillDeadline(lesson.date, timeZone, days).endsAt);
}

/**
 * п. 5.2: marks for control works are entered within two days as well (counted from the lesson
 * the work was written at). True only for a control-work mark set after that deadline.
 */
export function isControlMarkLate(
  mark: Pick<Mark, 'workTypeId' | 'setAt'>,
  lesson: Pick<Lesson, 'date'>,
  workTypes: readonly WorkType[],
  timeZone: string,
  days: number = FILL_DEADLINE_DAYS,
): boolean {
  const workType = findWorkType(workTypes, mark.workTypeId);
  if (!workType?.isControl) return false;
  return toEpochMs(mark.setAt) >= toEpochMs(fillDeadline(lesson.date, timeZone, days).endsAt);
}

/**
 * п. 5.2 for reports: a warning when the lesson was filled late (FILLED_LATE) or is still
 * unfilled past its deadline (FILL_OVERDUE); null when in time.
 */
export function fillTimelinessWarning(
  lesson: Pick<Lesson, 'date' | 'status' | 'filledAt'>,
  now: InstantInput,
  timeZone: string,
  days: number = FILL_DEADLINE_DAYS,
): RuleViolation | null {
  const deadline = fillDeadline(lesson.date, timeZone, days);
  const details = { lessonDate: lesson.date, lastDay: deadline.lastDay, endsAt: deadline.endsAt };
  if (lesson.filledAt !== undefined && isFilledLate(lesson, lesson.filledAt, timeZone, days)) {
    return violation(
      'п. 5.2',
      'FILLED_LATE',
      `Журнал за урок ${formatDateRu(lesson.date)} заполнен позже срока (${describeDeadline(deadline)})`,
      details,
    );
  }
  if (isOverdue(lesson, now, timeZone, days)) {
    return violation(
      'п. 5.2',
      'FILL_OVERDUE',
      `Журнал за урок ${formatDateRu(lesson.date)} не заполнен в срок (${describeDeadline(deadline)})`,
      details,
    );
  }
  return null;
}
