import type { Notification } from '#shared/domain/notification.ts';
import { describeNotification } from '#shared/domain/notification-text.ts';
import { addDays, weekdayOf } from '#shared/domain/date-math.ts';
import { parseClassId } from '#shared/domain/ids.ts';
import { defaultSchoolSettings } from '#shared/domain/school-settings.ts';
import type { StoredNotification } from '#functions/data/notification-repository.ts';
import { getSchoolReference, getYearStructure } from '#functions/data/school-repository.ts';

/**
 * A stored notification as its recipient reads it, in the bell and in the e-mail alike: names
 * from the school's reference (cached in memory: no query per notification), the Russian words,
 * and where in the web the thing is shown.
 */
export type Presenter = (n: StoredNotification) => Notification;

export async function presenter(notes: readonly StoredNotification[]): Promise<Presenter> {
  const reference = await getSchoolReference();
  const years = [...new Set(notes.filter((n) => n.periodId).map((n) => parseClassId(n.classId)?.academicYearId).filter((y) => y !== undefined))];
  const structures = await Promise.all(years.map((y) => getYearStructure(y)));
  const periods = new Map(structures.flatMap((s) => s.periods).map((p) => [p.id, p.name]));
  const subjects = new Map(reference.subjects.map((s) => [s.id, s.name]));
  const settings = reference.settings ?? defaultSchoolSettings();
  const names = { workTypes: settings.workTypes, attendanceCodes: settings.attendanceCodes };
  return (n) => {
    const periodName = n.periodId ? periods.get(n.periodId) : undefined;
    const subjectName = subjects.get(n.subjectId) ?? '';
    const words = describeNotification({ topic: n.topic, subjectName, date: n.date, ...(periodName ? { periodName } : {}), before: n.before, after: n.after }, names);
    return {
      id: n.id,
      topic: n.topic,
      studentId: n.studentId,
      studentName: n.studentName,
      subjectName,
      date: n.date,
      title: words.title,
      text: words.text,
      link: linkOf(n),
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
      ...(n.readAt ? { readAt: n.readAt } : {}),
    };
  };
}

/** The web page that shows the thing: the diary's week of the lesson opened at its day, or the period's marks. */
export function linkOf(n: Pick<StoredNotification, 'topic' | 'studentId' | 'date' | 'periodId'>): string {
  if (n.topic === 'final-mark' && n.periodId) return `/marks/${n.studentId}/${n.periodId}`;
  const monday = addDays(n.date, -(weekdayOf(n.date) - 1));
  return `/diary/${n.studentId}/${monday}/${n.date}`;
}
