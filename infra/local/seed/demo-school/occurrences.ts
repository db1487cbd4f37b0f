/**
 * Where the timetable puts a journal's lessons over the year: every school day of the class's
 * grade, at the journal's weekly slots. The lesson id follows from the group, subject, date
 * and slot (shared/domain/lesson-id.ts).
 */
import { weekdayOf, type IsoDate } from '#shared/domain/dates.ts';
import { lessonIdOf } from '#shared/domain/lesson-id.ts';
import type { TimetableSlot } from '#shared/domain/timetable.ts';
import type { SchoolCalendar } from './calendar.ts';
import type { Journal } from './model.ts';

export type Occurrence = {
  lessonId: string;
  date: IsoDate;
  weekday: number;
  slot: number;
  timetableSlot: TimetableSlot;
};

export function journalKey(j: Pick<Journal, 'groupId' | 'subjectId'>): string {
  return `${j.groupId}|${j.subjectId}`;
}

/** The journal's lessons by the timetable, for the whole year, in date and slot order. */
export function occurrencesOf(journal: Journal, slots: TimetableSlot[], calendar: SchoolCalendar): Occurrence[] {
  const byWeekday = new Map<number, TimetableSlot[]>();
  for (const s of slots) byWeekday.set(s.weekday, [...(byWeekday.get(s.weekday) ?? []), s].sort((a, b) => a.slot - b.slot));
  const out: Occurrence[] = [];
  for (const date of calendar.schoolDays(calendar.year.startDate, calendar.year.endDate, journal.grade)) {
    const weekday = weekdayOf(date);
    for (const s of byWeekday.get(weekday) ?? []) {
      out.push({
        lessonId: lessonIdOf({ groupId: journal.groupId, subjectId: journal.subjectId, date, slot: s.slot }),
        date,
        weekday,
        slot: s.slot,
        timetableSlot: s,
      });
    }
  }
  return out;
}
