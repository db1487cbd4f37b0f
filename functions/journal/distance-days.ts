import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import type { DistanceDay } from '#shared/domain/journal-period.ts';
import { checkSchoolDay } from '#shared/domain/rules/calendar.ts';
import { defaultSchoolSettings } from '#shared/domain/school-settings.ts';
import { commitAudited, type AuditedWrite } from '#functions/data/audited-transaction.ts';
import { distanceDayItem, getClassLessons, listDistanceDayRecords, type StoredDistanceDay } from '#functions/data/journal-repository.ts';
import { keys } from '#functions/data/keys.ts';
import { getSchoolReference, getYearStructure } from '#functions/data/school-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { NotFoundError, RuleViolatedError, ValidationError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { currentAcademicYear, schoolToday } from '#functions/lib/school-clock.ts';

/** Writes per transaction, each with its audit event: 90 items and the idempotency record (DynamoDB allows 100). */
const WRITES_PER_TRANSACTION = 45;

type Input = { clientRequestId: string; classIds: string[]; dates: string[]; reason: string };

const view = (d: StoredDistanceDay, className: string) => ({
  classId: d.classId,
  className,
  date: d.date,
  reason: d.reason,
  declaredByName: d.declaredByName,
  declaredAt: d.declaredAt,
  lessons: d.lessons,
});

/**
 * п. 5.7: the administration declares distance days (cold, quarantine …) for classes and dates:
 * every lesson of those classes on those days (subgroups included) becomes a distance lesson with
 * the reason, and the days are recorded. Dates must be school days of the year (п. 1.2). The
 * lessons are found by the class's lessons-by-date index (one Query per class); written in
 * audited transactions of 40 lessons, idempotent under retry.
 */
export async function declareDistanceDays(ctx: AccessContext, input: Input, log: Logger, now = new Date()) {
  enforce(policy.declareDistanceDays(ctx), ctx, log);
  const reference = await getSchoolReference();
  const year = currentAcademicYear(reference.years, schoolToday(now));
  if (!year) throw new NotFoundError('Учебный год не задан.');
  const structure = await getYearStructure(year.id);
  const unknown = input.classIds.filter((id) => !structure.classes.some((c) => c.id === id));
  if (unknown.length) throw new ValidationError(unknown.map((id) => ({ path: 'body.classIds', message: `Такого класса в этом учебном году нет: ${id}` })));
  const daysPerWeek = (reference.settings ?? defaultSchoolSettings()).schoolDaysPerWeek;
  const notSchool = [...new Set(input.dates)].flatMap((date) => checkSchoolDay(date, year, daysPerWeek));
  if (notSchool.length) throw new RuleViolatedError(notSchool, { path: 'body.dates' });

  const dates = [...new Set(input.dates)].sort();
  const classIds = [...new Set(input.classIds)];
  const at = now.toISOString();
  const lessonsByClass = await Promise.all(classIds.map((id) => getClassLessons(id, dates[0]!, dates.at(-1)!)));
  const days: StoredDistanceDay[] = [];
  const updates: AuditedWrite[] = [];
  classIds.forEach((classId, i) => {
    for (const date of dates) {
      const lessons = lessonsByClass[i]!.filter((l) => l.date === date && l.status !== 'cancelled');
      days.push({ classId, date, reason: input.reason, declaredBy: ctx.personId, declaredByName: ctx.name, declaredAt: at, lessons: lessons.length });
      for (const lesson of lessons) {
        updates.push({
          item: {
            Update: {
              TableName: tableName(),
              Key: keys.lesson(lesson.subgroupId ?? lesson.classId, lesson.subjectId, lesson.date, lesson.slot),
              UpdateExpression: 'SET isDistance = :yes, distanceReason = :reason, version = version + :one',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':yes': true, ':reason': input.reason, ':one': 1 },
            },
          },
          audit: { entityType: 'lesson', entityKey: `LESSON#${lesson.id}`, action: 'update', before: { isDistance: Boolean(lesson.isDistance) }, after: { isDistance: true, reason: input.reason } },
        });
      }
    }
  });
  const dayWrites: AuditedWrite[] = days.map((d) => ({
    item: { Put: { TableName: tableName(), Item: distanceDayItem(year.id, d) } },
    audit: { entityType: 'distance-day', entityKey: `DISTANCE#${d.classId}#${d.date}`, action: 'create', before: null, after: { reason: d.reason, lessons: d.lessons } },
  }));
  // Lessons first, the day records last: they appear once every lesson of them is changed.
  const all = [...updates, ...dayWrites];
  const chunks: AuditedWrite[][] = [];
  for (let i = 0; i < all.length; i += WRITES_PER_TRANSACTION) chunks.push(all.slice(i, i + WRITES_PER_TRANSACTION));
  const names = new Map(structure.classes.map((c) => [c.id, c.name]));
  let replayed = false;
  for (const [i, writes] of chunks.entries()) {
    const out = await commitAudited({
      clientRequestId: i === 0 ? input.clientRequestId : `${input.clientRequestId}#${i}`,
      operation: 'declareDistanceDays',
      actor: { userId: ctx.userId, personId: ctx.personId },
      request: { classIds, dates, reason: input.reason },
      writes,
      result: null,
      now,
    });
    replayed ||= out.replayed;
  }
  log.info('distance days declared', { classes: classIds.length, dates: dates.length, lessons: updates.length, replayed });
  return { days: days.map((d) => view(d, names.get(d.classId) ?? '')), replayed };
}

/** The distance days declared this school year, newest first: one Query of the year's changes. */
export async function listDistanceDays(ctx: AccessContext, log: Logger, now = new Date()) {
  enforce(policy.listDistanceDays(ctx), ctx, log);
  const reference = await getSchoolReference();
  const year = currentAcademicYear(reference.years, schoolToday(now));
  if (!year) return { days: [] };
  const [records, structure] = await Promise.all([listDistanceDayRecords(year.id), getYearStructure(year.id)]);
  const names = new Map(structure.classes.map((c) => [c.id, c.name]));
  return { days: records.sort((a, b) => b.date.localeCompare(a.date) || (names.get(a.classId) ?? '').localeCompare(names.get(b.classId) ?? '', 'ru')).map((d) => view(d, names.get(d.classId) ?? '')) };
}

export type { DistanceDay };
