import { formatDateRu, isDateWithin, rangesOverlap, weekdayOf, type IsoDate } from '../dates.ts';
import type { AcademicYear, Holiday } from '../academic-year.ts';
import type { StudyPeriod } from '../study-period.ts';
import { violation, type RuleViolation } from './violation.ts';

type YearDates = Pick<AcademicYear, 'id' | 'startDate' | 'endDate'>;
type YearCalendar = Pick<AcademicYear, 'id' | 'startDate' | 'endDate' | 'holidays' | 'daysOff'>;

/**
 * п. 1.2 (annual calendar schedule): a journal date lies inside the academic year.
 */
export function checkDateInAcademicYear(date: IsoDate, year: YearDates): RuleViolation | null {
  if (isDateWithin(date, year.startDate, year.endDate)) return null;
  return violation(
    'п. 1.2',
    'DATE_OUTSIDE_ACADEMIC_YEAR',
    `Дата ${formatDateRu(date)} вне учебного года ${year.id} (${formatDateRu(year.startDate)} – ${formatDateRu(year.endDate)}) по календарному учебному графику`,
    { date, academicYearId: year.id },
  );
}

/** The holidays (каникулы) the date falls in, if any. */
export function holidayOn(date: IsoDate, year: Pick<AcademicYear, 'holidays'>): Holiday | null {
  return year.holidays.find((h) => isDateWithin(date, h.startDate, h.endDate)) ?? null;
}

/**
 * п. 1.2 (annual calendar schedule): a lesson date is a school day — inside the year, not in
 * holidays, not a day off, not Sunday (nor Saturday in a five-day week).
 */
export function checkSchoolDay(date: IsoDate, year: YearCalendar, schoolDaysPerWeek: 5 | 6): RuleViolation[] {
  const outside = checkDateInAcademicYear(date, year);
  if (outside) return [outside];
  const holiday = holidayOn(date, year);
  if (holiday) {
    return [
      violation('п. 1.2', 'DATE_IN_HOLIDAYS', `${formatDateRu(date)} — каникулы («${holiday.name}»), уроков нет`, {
        date,
        holiday: holiday.name,
      }),
    ];
  }
  if (year.daysOff.includes(date) || weekdayOf(date) > schoolDaysPerWeek) {
    return [violation('п. 1.2', 'DATE_DAY_OFF', `${formatDateRu(date)} — выходной день`, { date })];
  }
  return [];
}

const KIND_ORDER: Record<StudyPeriod['kind'], number> = { quarter: 0, trimester: 1, 'half-year': 2, year: 3 };

/**
 * The study period a date belongs to for a grade level: the shortest period (quarter before
 * trimester before half-year before year) that the grade uses and that contains the date.
 * Pass `kind` to ask for a specific kind (e.g. the half-year of a 10th-grade date). Null in
 * holidays between periods or outside the year.
 */
export function studyPeriodFor<P extends Pick<StudyPeriod, 'kind' | 'startDate' | 'endDate' | 'grades'>>(
  date: IsoDate,
  grade: number,
  periods: readonly P[],
  kind?: StudyPeriod['kind'],
): P | null {
  const matching = periods
    .filter((p) => (kind === undefined || p.kind === kind) && p.grades.includes(grade))
    .filter((p) => isDateWithin(date, p.startDate, p.endDate))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return matching[0] ?? null;
}

/** The periods a grade level uses, in calendar order (the year last among equals). */
export function studyPeriodsForGrade<P extends Pick<StudyPeriod, 'kind' | 'startDate' | 'grades'>>(
  grade: number,
  periods: readonly P[],
): P[] {
  return periods
    .filter((p) => p.grades.includes(grade))
    .sort((a, b) => (a.startDate === b.startDate ? KIND_ORDER[a.kind] - KIND_ORDER[b.kind] : a.startDate < b.startDate ? -1 : 1));
}

/**
 * п. 1.2 / 6.1: a journal date lies inside a study period of the class's grade level (not in
 * the holidays between quarters).
 */
export function checkDateInStudyPeriod(
  date: IsoDate,
  grade: number,
  periods: readonly Pick<StudyPeriod, 'kind' | 'startDate' | 'endDate' | 'grades'>[],
): RuleViolation | null {
  const shortest = periods.filter((p) => p.kind !== 'year' && p.grades.includes(grade));
  const candidates = shortest.length > 0 ? shortest : periods.filter((p) => p.grades.includes(grade));
  if (candidates.some((p) => isDateWithin(date, p.startDate, p.endDate))) return null;
  return violation(
    'п. 1.2',
    'DATE_OUTSIDE_STUDY_PERIOD',
    `Дата ${formatDateRu(date)} не входит ни в один учебный период ${grade} класса`,
    { date, grade },
  );
}

/**
 * п. 1.2: the study periods of a year are consistent — each inside the year, and periods of
 * one kind used by the same grade do not overlap.
 */
export function checkStudyPeriodLayout(
  year: YearDates,
  periods: readonly Pick<StudyPeriod, 'id' | 'name' | 'kind' | 'startDate' | 'endDate' | 'grades'>[],
): RuleViolation[] {
  const out: RuleViolation[] = [];
  periods.forEach((p, i) => {
    if (p.startDate < year.startDate || p.endDate > year.endDate) {
      out.push(
        violation('п. 1.2', 'STUDY_PERIOD_OUTSIDE_YEAR', `Период «${p.name}» выходит за границы учебного года ${year.id}`, {
          studyPeriodId: p.id,
        }),
      );
    }
    periods.slice(i + 1).forEach((q) => {
      if (
        q.kind === p.kind &&
        q.grades.some((g) => p.grades.includes(g)) &&
        rangesOverlap(p.startDate, p.endDate, q.startDate, q.endDate)
      ) {
        out.push(
          violation('п. 1.2', 'STUDY_PERIODS_OVERLAP', `Периоды «${p.name}» и «${q.name}» пересекаются`, {
            studyPeriodIds: [p.id, q.id],
          }),
        );
      }
    });
  });
  return out;
}
