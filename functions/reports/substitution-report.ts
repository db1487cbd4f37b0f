/**
 * Substitutions and cancellations, for pay (п. 5.3, 5.5): who substituted which lessons, and the
 * lessons cancelled with their reasons. One class-timeline Query per class (gsi3, AP2's lessons
 * query over the dates); for one teacher their own timeline (AP5).
 */
import type { SubstitutionReport } from '#shared/api/reports.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import type { Lesson } from '#shared/domain/lesson.ts';
import { getClassLessons, getTeacherLessons } from '#functions/data/journal-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { ValidationError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { byClass, loadReportYear, staffNames, type ReportYear } from './report-data.ts';

export type SubstitutionQuery = { from: string; to: string; teacherId?: string | undefined };

/** A month or so is what pay needs; a year of the whole school stays well within a request's time. */
const MAX_DAYS = 366;

export async function getSubstitutionReport(ctx: AccessContext, q: SubstitutionQuery, log: Logger, now = new Date()): Promise<SubstitutionReport> {
  if (q.from > q.to) throw new ValidationError([{ path: 'query.to', message: 'Дата окончания раньше даты начала' }]);
  if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_DAYS) throw new ValidationError([{ path: 'query.to', message: 'Не больше года за раз' }]);
  enforce(policy.getSubstitutionReport(ctx, { teacherId: q.teacherId, from: q.from, to: q.to }), ctx, log);
  const y = await loadReportYear(now);
  const lessons = q.teacherId
    ? await getTeacherLessons(q.teacherId, q.from, q.to)
    : (await Promise.all([...y.structure.classes].sort(byClass).map((c) => getClassLessons(c.id, q.from, q.to)))).flat();
  return { ...computeSubstitutions(y, lessons, await staffNames(), q), generatedAt: now.toISOString() };
}

export function computeSubstitutions(y: ReportYear, lessons: readonly Lesson[], names: Map<string, string>, q: SubstitutionQuery): Omit<SubstitutionReport, 'generatedAt'> {
  const groupName = (l: Lesson) => {
    const cls = y.structure.classes.find((c) => c.id === l.classId)?.name ?? l.classId;
    const sg = l.subgroupId ? y.structure.subgroups.find((s) => s.id === l.subgroupId) : undefined;
    return sg ? `${cls}, ${sg.name}` : cls;
  };
  const subjectName = (l: Lesson) => y.subjects.find((s) => s.id === l.subjectId)?.name ?? l.subjectId;
  const order = (a: Lesson, b: Lesson) => a.date.localeCompare(b.date) || a.slot - b.slot;
  const bySubstitute = new Map<string, Lesson[]>();
  for (const l of lessons) {
    if (!l.substituteTeacherId || l.status === 'cancelled') continue;
    if (q.teacherId && l.substituteTeacherId !== q.teacherId) continue;
    bySubstitute.set(l.substituteTeacherId, [...(bySubstitute.get(l.substituteTeacherId) ?? []), l]);
  }
  const substitutions = [...bySubstitute.entries()]
    .map(([teacherId, list]) => ({
      teacherId,
      teacherName: names.get(teacherId) ?? teacherId,
      lessons: list.length,
      items: [...list].sort(order).map((l) => ({
        date: l.date,
        slot: l.slot,
        groupName: groupName(l),
        subjectName: subjectName(l),
        replacedName: names.get(l.teacherId) ?? l.teacherId,
        held: l.status === 'conducted',
      })),
    }))
    .sort((a, b) => a.teacherName.localeCompare(b.teacherName, 'ru'));
  const cancellations = lessons
    .filter((l) => l.status === 'cancelled' && (!q.teacherId || l.teacherId === q.teacherId))
    .sort(order)
    .map((l) => ({ date: l.date, slot: l.slot, groupName: groupName(l), subjectName: subjectName(l), teacherName: names.get(l.teacherId) ?? l.teacherId, reason: l.cancellationReason ?? '' }));
  return { from: q.from, to: q.to, substitutions, cancellations };
}
