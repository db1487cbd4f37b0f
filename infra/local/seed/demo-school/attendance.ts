/**
 * Absences by day, per student: illnesses of a few school days (Б), whole days off for a valid
 * reason (УП) — the same day in every subject. Single-lesson truancy (Н) and lateness (ОП) are
 * drawn per lesson in lessons.ts. Rates follow the season (more illness in November) and each
 * student's proneness, so that 5–8 % of student-lessons are missed.
 */
import type { IsoDate } from '#shared/domain/dates.ts';
import type { SchoolCalendar } from './calendar.ts';
import type { Student } from './model.ts';
import type { Random } from './random.ts';

export type DayAbsence = 'Б' | 'УП';

const SEASON: Record<string, number> = { '09': 0.6, '10': 1.0, '11': 1.45, '12': 1.3, '01': 1.2, '02': 1.3, '03': 0.9, '04': 0.7, '05': 0.5 };

/** student id → date → day absence. Only days before `until` (exclusive). */
export function buildDayAbsences(rng: Random, students: Student[], calendar: SchoolCalendar, until: IsoDate): Map<string, Map<IsoDate, DayAbsence>> {
  const out = new Map<string, Map<IsoDate, DayAbsence>>();
  const daysByGrade = new Map<number, IsoDate[]>();
  for (const s of students) {
    let days = daysByGrade.get(s.grade);
    if (!days) daysByGrade.set(s.grade, (days = calendar.schoolDays(calendar.year.startDate, calendar.year.endDate, s.grade).filter((d) => d < until)));
    const r = rng.fork(`absence:${s.person.id}`);
    const mine = new Map<IsoDate, DayAbsence>();
    let sickLeft = 0;
    for (const date of days) {
      if (sickLeft > 0) {
        mine.set(date, 'Б');
        sickLeft--;
        continue;
      }
      const season = SEASON[date.slice(5, 7)] ?? 1;
      if (r.chance(0.0105 * s.absenceProneness * season)) {
        sickLeft = r.int(2, 7) - 1;
        mine.set(date, 'Б');
      } else if (r.chance(0.0045 * s.absenceProneness)) {
        mine.set(date, 'УП');
      }
    }
    out.set(s.person.id, mine);
  }
  return out;
}
