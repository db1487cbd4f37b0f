/**
 * The family's diary and all-marks pages (DiaryWeek.svelte, StudentMarks.svelte): names of work
 * types and attendance codes from the API's answer (the school's own reference book, never a
 * table of the web's), a mark's details as text, safe links, the short form of a long name.
 * Pure and unit-tested (diary.test.ts).
 */
import { formatDayMonth, formatDayMonthText, formatShortDate } from './dates.ts';
import { formatDecimal } from './format.ts';

/** A work type as the diary's answer names it. */
export type DiaryWorkType = { id: string; name: string; shortName?: string | undefined; weight: number };
/** An attendance code with its meaning, as the diary's answer names it. */
export type DiaryAttendanceCode = { code: string; name: string; countsAsAbsence: boolean };

/** The school's name of a work type; empty when the answer does not name it. */
export function workTypeNameOf(workTypes: readonly DiaryWorkType[], workTypeId: string): string {
  return workTypes.find((w) => w.id === workTypeId)?.name ?? '';
}

/** The meaning of an attendance code («Отсутствовал по болезни»); a code the school does not name stays as it is. */
export function attendanceNameOf(codes: readonly DiaryAttendanceCode[], code: string): string {
  return codes.find((c) => c.code === code)?.name ?? `Отметка посещаемости «${code}»`;
}

/** A code that does not mean a missed lesson (lateness): drawn in its own colour. A code the school does not name counts as missed. */
export function isPresentCode(codes: readonly DiaryAttendanceCode[], code: string): boolean {
  return codes.find((c) => c.code === code)?.countsAsAbsence === false;
}

/** A meaning after a dash: «УП — отсутствовал по уважительной причине» (an abbreviation keeps its capitals). */
export function asContinuation(text: string): string {
  return /^[А-ЯЁ][а-яё]/.test(text) ? `${text.charAt(0).toLocaleLowerCase('ru')}${text.slice(1)}` : text;
}

/** `вес 1,5`. */
export function weightText(weight: number): string {
  return `вес ${formatDecimal(weight)}`;
}

/**
 * A mark's details as one line of text, shown beside or under it (no hover needed on a phone):
 * `24.11.2026 · Контрольная работа · вес 2`; in the diary, under its day, `24.11 · …`.
 */
export function markFacts(
  mark: { date: string; workTypeId: string; weight: number },
  workTypes: readonly DiaryWorkType[],
  dates: 'full' | 'day' = 'full',
): string {
  const date = dates === 'day' ? formatDayMonth(mark.date) : formatShortDate(mark.date);
  return [date, workTypeNameOf(workTypes, mark.workTypeId), weightText(mark.weight)].filter(Boolean).join(' · ');
}

/** A link the diary may render as a link: http and https only (anything else is shown as text). */
export function safeLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The short form of a full name for a narrow header: «Константинопольская-Щедрина Александра-Мария
 * Вячеславовна» → «Константинопольская-Щедрина А. В.» (the full name stays for screen readers).
 */
export function shortPersonName(fullName: string): string {
  const [surname, ...rest] = fullName.trim().split(/\s+/);
  if (!surname || rest.length === 0) return fullName.trim();
  return `${surname} ${rest.map((part) => `${part.charAt(0).toLocaleUpperCase('ru')}.`).join(' ')}`;
}

/** A name too long for a phone's line beside the class (about 28 characters): shown there in its short form. */
export function needsShortName(fullName: string): boolean {
  return fullName.trim().length > 28;
}

/** The child's name on the child switch: the first name («Анна»), else the whole. */
export function childFirstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[1] ?? fullName.trim();
}

/** «Итоговые отметки за 1 четверть», «… за год». */
export function finalMarksTitle(periodName: string): string {
  const name = /^[А-ЯЁ][а-яё]+$/.test(periodName) ? periodName.toLocaleLowerCase('ru') : periodName;
  return `Итоговые отметки за ${name}`;
}

/** «задано 30 ноября». */
export function givenOnText(date: string): string {
  return `задано ${formatDayMonthText(date)}`;
}
