import { formatDateRu, toEpochMs, type InstantInput } from '../dates.ts';
import { FINAL_MARK_VALUES_TEXT, isFinalMarkValue, type FinalMarkValue } from '../final-mark.ts';
import { suggestPeriodMark } from './average.ts';
import { effectiveHealthGroup, healthGroupLabels, type Person } from '../person.ts';
import { FINAL_MARK_DEADLINE_DAYS } from '../school-settings.ts';
import type { StudyPeriod } from '../study-period.ts';
import type { Subject } from '../subject.ts';
import { deadlineAfter, describeDeadline, type Deadline } from './deadline.ts';
import { checkMarkAllowed } from './marks-allowed.ts';
import { violation, type RuleViolation } from './violation.ts';

/** Final marks that fail the subject. */
export const FAILING_FINAL_MARKS: readonly string[] = ['1', '2', 'НЗ'];

/**
 * п. 6.1: quarter, half-year and year marks are set no later than one day after the period
 * ends — by the end of the day after `endDate` in the school time zone (a period ending on
 * Friday is due by Saturday 24:00; calendar days, not school days).
 */
export function finalMarkDeadline(
  period: Pick<StudyPeriod, 'endDate'>,
  timeZone: string,
  days: number = FINAL_MARK_DEADLINE_DAYS,
): Deadline {
  return deadlineAfter(period.endDate, days, timeZone);
}

/** п. 6.1: was the final mark set after the deadline? */
export function isFinalMarkLate(
  period: Pick<StudyPeriod, 'endDate'>,
  setAt: InstantInput,
  timeZone: string,
  days: number = FINAL_MARK_DEADLINE_DAYS,
): boolean {
  return toEpochMs(setAt) >= toEpochMs(finalMarkDeadline(period, timeZone, days).endsAt);
}

/** п. 6.1 for reports: a FINAL_MARK_LATE warning, or null when in time. */
export function finalMarkTimelinessWarning(
  period: Pick<StudyPeriod, 'endDate' | 'name'>,
  setAt: InstantInput,
  timeZone: string,
  days: number = FINAL_MARK_DEADLINE_DAYS,
): RuleViolation | null {
  if (!isFinalMarkLate(period, setAt, timeZone, days)) return null;
  const deadline = finalMarkDeadline(period, timeZone, days);
  return violation(
    'п. 6.1',
    'FINAL_MARK_LATE',
    `Итоговая отметка за период «${period.name}» (окончание ${formatDateRu(period.endDate)}) выставлена позже срока (${describeDeadline(deadline)})`,
    { lastDay: deadline.lastDay, endsAt: deadline.endsAt },
  );
}

export type FinalMarkCheckInput = {
  value: string;
  subject: Pick<Subject, 'isPhysicalEducation' | 'grading'>;
  student: Pick<Person, 'healthGroup'>;
  /** The student's grade level; grade 1 gets no marks (п. 5.6). */
  grade?: number;
  /** The period the mark is for; it must be one the student's grade uses (п. 6.1). */
  period?: Pick<StudyPeriod, 'grades' | 'name'>;
};

/**
 * п. 6.2: a final mark is one of 1–5, «н/а» (not attested — allowed), ЗЧ, НЗ, ОСВ. For a student
 * with a medical health group other than основная, physical education assesses theoretical
 * knowledge positively: a failing mark (1, 2, НЗ) is refused. Also п. 5.6 (no marks in grade 1),
 * п. 6.1 (the period must be one of the student's grade) and credit subjects (ЗЧ/НЗ only).
 */
export function checkFinalMark(input: FinalMarkCheckInput): RuleViolation[] {
  const { value, subject, student, grade, period } = input;
  const out: RuleViolation[] = [];
  if (grade !== undefined) {
    const gradeOne = checkMarkAllowed(grade);
    if (gradeOne) return [gradeOne];
  }
  if (grade !== undefined && period !== undefined && !period.grades.includes(grade)) {
    out.push(
      violation('п. 6.1', 'PERIOD_NOT_FOR_GRADE', `Период «${period.name}» не используется в ${grade} классе`, {
        grade,
      }),
    );
  }
  if (!isFinalMarkValue(value)) {
    out.push(
      violation('п. 6.2', 'FINAL_MARK_VALUE_INVALID', `Недопустимая итоговая отметка «${value}». Допустимые значения: ${FINAL_MARK_VALUES_TEXT}`, {
        value,
      }),
    );
    return out;
  }
  if (subject.grading === 'credit' && ['1', '2', '3', '4', '5'].includes(value)) {
    out.push(
      violation('п. 6.2', 'FINAL_MARK_VALUE_INVALID', 'По этому предмету итоговая отметка — «ЗЧ», «НЗ», «ОСВ» или «н/а»', { value }),
    );
  }
  const group = effectiveHealthGroup(student);
  if (subject.isPhysicalEducation && group !== 'main' && FAILING_FINAL_MARKS.includes(value)) {
    out.push(
      violation(
        'п. 6.2',
        'FINAL_MARK_PE_HEALTH_GROUP',
        `Медицинская группа обучающегося — ${healthGroupLabels[group]}: по физической культуре положительно оцениваются теоретические знания, отметка «${value}» не допускается`,
        { value, healthGroup: group },
      ),
    );
  }
  return out;
}

/**
 * A suggested final mark — the teacher decides. Exempt from physical education: ОСВ. A credit
 * subject: ЗЧ when most marks are ЗЧ, НЗ otherwise. Otherwise the weighted average with the
 * school's rounding threshold; for physical education with a medical health group other than
 * основная, never a failing mark (п. 6.2: theory is assessed positively). None without marks.
 */
export function suggestFinalMark(input: {
  average: number | null;
  marks: readonly { values: readonly string[] }[];
  subject: Pick<Subject, 'isPhysicalEducation' | 'grading'>;
  student: Pick<Person, 'healthGroup'>;
  threshold: number;
}): FinalMarkValue | undefined {
  const group = effectiveHealthGroup(input.student);
  if (input.subject.isPhysicalEducation && group === 'exempt') return 'ОСВ';
  if (input.subject.grading === 'credit') {
    const values = input.marks.flatMap((m) => m.values);
    if (values.length === 0) return undefined;
    return values.filter((v) => v === 'ЗЧ').length * 2 >= values.length ? 'ЗЧ' : 'НЗ';
  }
  const suggested = suggestPeriodMark(input.average, input.threshold);
  if (suggested === null) return undefined;
  if (input.subject.isPhysicalEducation && group !== 'main' && FAILING_FINAL_MARKS.includes(suggested)) return '3';
  return suggested;
}
