import { findAttendanceCode, type AttendanceCodeDefinition } from '../attendance-codes.ts';
import { formatMarkValues } from '../mark.ts';
import type { LessonStatus } from '../lesson.ts';
import type { Subject } from '../subject.ts';
import { checkMarkValues } from './mark-values.ts';
import { checkMarkAllowed } from './marks-allowed.ts';
import { violation, type RuleResult, type RuleViolation } from './violation.ts';

export type JournalCellInput = {
  /** Grade level of the class (п. 5.6). */
  grade: number;
  lessonStatus: LessonStatus;
  subject?: Pick<Subject, 'grading'>;
  /** The student's marks at this lesson (each one value or a double mark). */
  marks: readonly { values: readonly string[] }[];
  /** The attendance code in the cell, if any (none = present). */
  attendanceCode?: string | undefined;
  /** The school's attendance codes. */
  attendanceCodes: readonly AttendanceCodeDefinition[];
};

/**
 * One cell of the journal (lesson × student): marks and attendance together (п. 5.1).
 * Errors: marks in grade 1 (п. 5.6), invalid values, marks on a cancelled lesson, an unknown
 * attendance code. A mark next to an absence (Н, Б, УП …) is allowed — a student may hand in
 * work or be marked for a missed control — but returned as a warning to double-check.
 * Lateness (ОП) and a mark go together without remark.
 */
export function checkJournalCell(input: JournalCellInput): RuleResult {
  const violations: RuleViolation[] = [];
  const warnings: RuleViolation[] = [];
  const hasMarks = input.marks.length > 0;

  if (hasMarks) {
    const gradeOne = checkMarkAllowed(input.grade);
    if (gradeOne) violations.push(gradeOne);
    if (input.lessonStatus === 'cancelled') {
      violations.push(violation('п. 5.1', 'MARK_ON_CANCELLED_LESSON', 'Урок отменён: отметки за него не ставятся'));
    }
    if (!gradeOne) for (const mark of input.marks) violations.push(...checkMarkValues(mark.values, input.subject));
  }

  if (input.attendanceCode !== undefined) {
    const code = findAttendanceCode(input.attendanceCodes, input.attendanceCode);
    if (!code) {
      const known = input.attendanceCodes.filter((c) => !c.archived).map((c) => c.code).join(', ');
      violations.push(
        violation('п. 5.1', 'ATTENDANCE_CODE_UNKNOWN', `Неизвестная отметка посещаемости «${input.attendanceCode}». Допустимые: ${known}`, {
          code: input.attendanceCode,
        }),
      );
    } else if (code.countsAsAbsence && hasMarks) {
      warnings.push(
        violation(
          'п. 5.1',
          'MARK_FOR_ABSENT_STUDENT',
          `Отметка ${input.marks.map((m) => `«${formatMarkValues(m.values)}»`).join(', ')} поставлена отсутствовавшему обучающемуся («${code.code}» — ${code.name.toLowerCase()}); проверьте запись`,
          { code: code.code },
        ),
      );
    }
  }
  return { violations, warnings };
}
