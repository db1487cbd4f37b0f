import { randomUUID } from 'node:crypto';
import { addDays } from '#shared/domain/date-math.ts';
import { changeEventWrite, type ChangeEvent } from '#functions/data/change-outbox.ts';
import type { DemoSchool } from './demo-school/demo-school.ts';

/**
 * The demo family's last two school days as the journal's writes would have told them: a change
 * event per lesson with the demo children's marks and absences, written beside the generated
 * journal. The scheduled `deliver-mail` (or the seed right after) turns them into the bell's
 * notifications of the demo parent and student, and e-mails them by the school's defaults.
 */
export function demoChangeEvents(school: DemoSchool): Record<string, unknown>[] {
  const parent = school.people.parents.find((p) => p.person.id === school.demoPersons.parent);
  const children = new Set(parent?.guardianships.map((g) => g.studentId) ?? [school.demoPersons.student]);
  const since = addDays(school.today, -3);
  const events = new Map<string, ChangeEvent>();
  const eventOf = (coords: { groupId: string; subjectId: string; date: string }, classId: string, lessonId: string, topic: 'mark' | 'absence', by: string) => {
    const key = `${topic}:${lessonId}`;
    let e = events.get(key);
    if (!e) {
      e = {
        id: randomUUID(),
        topic,
        at: '',
        by,
        classId,
        ...(coords.groupId !== classId ? { subgroupId: coords.groupId } : {}),
        subjectId: coords.subjectId,
        date: coords.date,
        lessonId,
        changes: [],
      };
      events.set(key, e);
    }
    return e;
  };
  for (const { mark, coords, classId } of school.marks) {
    if (!children.has(mark.studentId) || coords.date < since) continue;
    eventOf(coords, classId, mark.lessonId, 'mark', mark.setBy).changes.push({
      studentId: mark.studentId,
      entityKey: mark.id,
      version: mark.version,
      before: null,
      after: { kind: 'mark', values: [...mark.values], workTypeId: mark.workTypeId, ...(mark.comment ? { comment: mark.comment } : {}) },
    });
  }
  for (const { attendance: a, coords, classId } of school.attendance) {
    if (!children.has(a.studentId) || coords.date < since) continue;
    eventOf(coords, classId, a.lessonId, 'absence', a.setBy).changes.push({
      studentId: a.studentId,
      entityKey: `ATT#${a.lessonId}#${a.studentId}`,
      version: a.version,
      before: null,
      after: { kind: 'absence', code: a.code, ...(a.minutesLate ? { minutesLate: a.minutesLate } : {}) },
    });
  }
  // Told in the order they happened: a second apart, the last one now.
  const ordered = [...events.values()].sort((a, b) => a.date.localeCompare(b.date) || (a.lessonId ?? '').localeCompare(b.lessonId ?? ''));
  const now = Date.now();
  return ordered.map((e, i) => (changeEventWrite({ ...e, at: new Date(now - (ordered.length - i) * 1000).toISOString() }).item.Put as { Item: Record<string, unknown> }).Item);
}
