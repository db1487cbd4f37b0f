/**
 * Distance days (п. 5.7): the administration declares, for classes and dates, with a reason,
 * that the lessons are held remotely. The classes to choose from (from the journal list), the
 * dates of a range, what a declaration did. Pure.
 */
import { addDays, isIsoDate } from './dates.ts';
import { plural } from './format.ts';
import type { JournalRef } from './journal.ts';
import type { OperationOutput } from './operations.ts';

export type DistanceDay = OperationOutput<'listDistanceDays'>['days'][number];

/** At most this many days in one declaration (the API's limit). */
export const MAX_DAYS = 14;

export type ClassChoice = { classId: string; className: string; grade: number };
export type GradeGroup = { grade: number; classes: ClassChoice[] };

/** The school's classes from the journal list (every journal, for the administration), by grade. */
export function classesByGrade(journals: readonly Pick<JournalRef, 'classId' | 'className' | 'grade'>[]): GradeGroup[] {
  const classes = new Map<string, ClassChoice>();
  for (const j of journals) if (!classes.has(j.classId)) classes.set(j.classId, { classId: j.classId, className: j.className, grade: j.grade });
  const grades = new Map<number, ClassChoice[]>();
  for (const c of [...classes.values()].sort((a, b) => a.grade - b.grade || a.className.localeCompare(b.className, 'ru'))) {
    grades.set(c.grade, [...(grades.get(c.grade) ?? []), c]);
  }
  return [...grades.entries()].map(([grade, list]) => ({ grade, classes: list }));
}

export type DatesResult = { dates: string[]; error?: string | undefined };

/**
 * The days from `from` to `to` (one day when `to` is empty): Monday to Friday, and Saturdays
 * too for a six-day week. Holidays are the API's to refuse (it names the date). Refused here: a
 * missing or reversed range, no school day in it, more than 14 days.
 */
export function datesOf(from: string, to: string, saturdays = false): DatesResult {
  if (!isIsoDate(from)) return { dates: [], error: 'Укажите первый день' };
  const last = to === '' ? from : to;
  if (!isIsoDate(last)) return { dates: [], error: 'Укажите последний день' };
  if (last < from) return { dates: [], error: 'Последний день не может быть раньше первого' };
  const dates: string[] = [];
  for (let day = from; day <= last; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && (weekday !== 6 || saturdays)) dates.push(day);
    if (dates.length > MAX_DAYS) return { dates: [], error: `Не больше ${MAX_DAYS} дней за раз` };
  }
  if (dates.length === 0) return { dates: [], error: saturdays ? 'Воскресенье — не учебный день' : 'Суббота и воскресенье — не учебные дни (при шестидневке отметьте «Включая субботы»)' };
  return { dates };
}

/** «Объявлено: 2 дня для 3 классов: 5А, 5Б, 10А. Уроков, ставших дистанционными: 24.» */
export function declaredText(days: readonly DistanceDay[]): string {
  const dates = new Set(days.map((d) => d.date)).size;
  const names = [...new Map(days.map((d) => [d.classId, d.className])).values()].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
  const lessons = days.reduce((sum, d) => sum + d.lessons, 0);
  const forClasses = names.length === 1 ? `для класса ${names[0]}` : `для ${names.length} ${plural(names.length, 'класса', 'классов', 'классов')}: ${names.join(', ')}`;
  return `Объявлено: ${dates} ${plural(dates, 'день', 'дня', 'дней')} ${forClasses}. Уроков, ставших дистанционными: ${lessons}.`;
}

/** «5-е классы», «3-и классы» — a parallel's heading. */
export function gradeTitle(grade: number): string {
  return `${grade}-${grade === 3 ? 'и' : 'е'} классы`;
}
