import { lessonIdOf, newId, type IdKind } from '#shared/domain/index.ts';

/** A deterministic opaque id: the n-th id of a kind (same n, same id). */
export function id(kind: IdKind, n = 1): string {
  const random = new Uint8Array(10);
  random[9] = n;
  return newId(kind, 1_788_000_000_000 + n, random);
}

export const MOSCOW = 'Europe/Moscow';
export const YEKATERINBURG = 'Asia/Yekaterinburg';

export const teacher = id('person', 1);
export const otherTeacher = id('person', 2);
export const substitute = id('person', 3);
export const student = id('person', 10);
export const parent = id('person', 20);
export const operator = id('person', 30);
export const math = id('subject', 1);
export const english = id('subject', 2);
export const physEd = id('subject', 3);
export const class5a = 'c-2026-05-А';
export const group1 = id('subgroup', 1);
export const group2 = id('subgroup', 2);

/** Messages of a failed safeParse, as `path: message`. */
export function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return result.error?.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`) ?? [];
}

/** The id of a lesson of 5А (or of subgroup 1 when `subgroup`) on a date and slot. */
export function lessonId(subjectId: string, date: string, slot: number, subgroup?: string): string {
  return lessonIdOf({ groupId: subgroup ?? class5a, subjectId, date, slot });
}
