/**
 * A clause of the regulation («Положение об электронном журнале»), e.g. `п. 5.6`.
 * Numbering follows the Russian original; the teacher's duties are section 5 of the teacher part.
 */
export type RuleClause = `п. ${number}.${number}`;

/** Stable machine codes of rule violations and warnings. Add, never rename. */
export const ruleCodes = [
  'MARKS_NOT_ALLOWED_GRADE_1',
  'MARK_EMPTY',
  'MARK_VALUE_INVALID',
  'MARK_DOUBLE_TOO_MANY',
  'MARK_DOUBLE_NON_NUMERIC',
  'MARK_NUMERIC_IN_CREDIT_SUBJECT',
  'MARK_ON_CANCELLED_LESSON',
  'MARK_FOR_FUTURE_LESSON',
  'MARK_FOR_ABSENT_STUDENT',
  'ATTENDANCE_CODE_UNKNOWN',
  'WORK_TYPE_UNKNOWN',
  'LESSON_TOPIC_REQUIRED',
  'WORK_TOPIC_REQUIRED',
  'TEXT_NOT_RUSSIAN',
  'DISTANCE_MATERIALS_REQUIRED',
  'FILLED_LATE',
  'FILL_OVERDUE',
  'CONTROL_MARK_LATE',
  'FINAL_MARK_VALUE_INVALID',
  'FINAL_MARK_PE_HEALTH_GROUP',
  'FINAL_MARK_LATE',
  'PERIOD_NOT_FOR_GRADE',
  'DATE_OUTSIDE_ACADEMIC_YEAR',
  'DATE_IN_HOLIDAYS',
  'DATE_DAY_OFF',
  'DATE_OUTSIDE_STUDY_PERIOD',
  'STUDY_PERIOD_OUTSIDE_YEAR',
  'STUDY_PERIODS_OVERLAP',
  'PLAN_HOURS_MISMATCH',
  'PERIOD_CLOSED',
  'ENTRY_LOCKED',
  'ATTENDANCE_FOR_FUTURE_LESSON',
  'LESSON_CONDUCTED_IN_FUTURE',
  'FINAL_MARK_NOT_SET',
  'DISTANCE_DAY_NOT_SCHOOL_DAY',
  'CONSENT_REQUIRED',
  /** Retired: who issues codes is the authorization policy's (shared/authz), not a rule. Kept: codes are never renamed. */
  'INVITATION_ISSUER_NOT_ALLOWED',
  'TOO_MANY_FILES',
  'FILE_NOT_UPLOADED',
  'FILE_NOT_ACCEPTED',
] as const;
export type RuleCode = (typeof ruleCodes)[number];

/**
 * A broken rule: which clause, a stable code, and a Russian message for the UI that names the
 * clause. Rules return these instead of throwing; services decide whether a violation blocks
 * (error) or is reported (warning).
 */
export type RuleViolation = {
  rule: RuleClause;
  code: RuleCode;
  message: string;
  /** Machine-readable particulars (field, value, deadline …); never personal data. */
  details?: Record<string, unknown>;
};

/** Errors block the action; warnings let it through and are shown or reported. */
export type RuleResult = { violations: RuleViolation[]; warnings: RuleViolation[] };

/**
 * Builds a violation whose message ends with the clause, e.g.
 * `В 1 классе отметки не выставляются (п. 5.6 Положения).`
 * `text` is a Russian sentence without the final full stop.
 */
export function violation(
  rule: RuleClause,
  code: RuleCode,
  text: string,
  details?: Record<string, unknown>,
): RuleViolation {
  return details === undefined
    ? { rule, code, message: `${text} (${rule} Положения).` }
    : { rule, code, message: `${text} (${rule} Положения).`, details };
}

/** Thrown by the `assert…` helpers; carries the violations for the error response. */
export class RuleViolationError extends Error {
  readonly violations: readonly RuleViolation[];
  constructor(violations: readonly RuleViolation[]) {
    super(violations.map((v) => v.message).join(' '));
    this.name = 'RuleViolationError';
    this.violations = violations;
  }
}

/** Throws a RuleViolationError when any violation is present (null/undefined entries are ignored). */
export function assertNoViolations(violations: readonly (RuleViolation | null | undefined)[]): void {
  const present = violations.filter((v): v is RuleViolation => v != null);
  if (present.length > 0) throw new RuleViolationError(present);
}
