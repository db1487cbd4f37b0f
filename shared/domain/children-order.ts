import { parseClassId } from './ids.ts';

/**
 * The one order of a parent's children, wherever they are listed (the access context, «Дети и
 * дневник», the child switch, «Мои данные»): by grade, then the class's letter, then name —
 * the younger child first, the same every time.
 */
export function compareChildren(a: { classId: string; name: string; studentId: string }, b: { classId: string; name: string; studentId: string }): number {
  const ca = parseClassId(a.classId);
  const cb = parseClassId(b.classId);
  return (
    (ca?.grade ?? 99) - (cb?.grade ?? 99) ||
    (ca?.letter ?? '').localeCompare(cb?.letter ?? '', 'ru') ||
    a.name.localeCompare(b.name, 'ru') ||
    a.studentId.localeCompare(b.studentId)
  );
}

/** The children in that order (a new array). */
export function orderChildren<T extends { classId: string; name: string; studentId: string }>(children: readonly T[]): T[] {
  return [...children].sort(compareChildren);
}
