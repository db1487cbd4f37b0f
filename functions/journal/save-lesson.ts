import type { z } from 'zod';
import type { LessonEntry, saveLessonResultSchema } from '#shared/api/lessons.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { lessonSchema, type Lesson } from '#shared/domain/lesson.ts';
import { checkDistanceLesson } from '#shared/domain/rules/distance-lesson.ts';
import { fillDeadline, fillTimelinessWarning } from '#shared/domain/rules/fill-deadline.ts';
import { checkLessonEntry } from '#shared/domain/rules/lesson-entry.ts';
import { violation, type RuleViolation } from '#shared/domain/rules/violation.ts';
import { commitAudited } from '#functions/data/audited-transaction.ts';
import { lessonItem } from '#functions/data/journal-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { ConflictError, NotFoundError, RuleViolatedError, ValidationError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolTimeZone } from '#functions/lib/school-clock.ts';
import { lessonForWrite, periodClosedMeanwhile, periodStillOpen, personName } from './lesson-write.ts';
import { changeEventWrites, homeworkIsCurrent, homeworkValue, lessonEventBase } from './change-events.ts';

type Input = { lessonId: string; clientRequestId: string; expectedVersion: number; entry: LessonEntry };
type Result = z.input<typeof saveLessonResultSchema>;

/** Violations whose entries are saved anyway and shown as warnings (п. 5.4: a foreign-looking text is a matter of judgment). */
const WARNING_CODES = new Set(['TEXT_NOT_RUSSIAN']);

const toWarning = (v: RuleViolation) => ({
  rule: v.rule,
  code: v.code,
  message: v.message,
  ...(typeof v.details?.field === 'string' ? { field: v.details.field } : {}),
});

/**
 * Writes what the teacher enters about a lesson (п. 5.1–5.7): status, topic, work and its topic,
 * homework, the distance lesson's materials and assignment. The regulation decides: a conducted
 * lesson has a topic, and a practical, laboratory or control work its own topic (п. 5.4, refused
 * without); a distance lesson carries materials or an assignment (п. 5.7); a lesson cannot be
 * conducted before its day; entries without Cyrillic are saved with a warning (п. 5.4). The first
 * time a lesson is filled (conducted with its topic) records when, and whether after the 2-day
 * deadline (п. 5.2): late filling is allowed and flagged. One conditional write of the whole lesson
 * item (its version), audited and idempotent.
 */
export async function saveLesson(ctx: AccessContext, input: Input, log: Logger, now = new Date()): Promise<Result> {
  // The entry names no student: the roster is not read.
  const w = await lessonForWrite(ctx, input.lessonId, 'saveLesson', log, now, { roster: false });
  const { lesson, scope } = w;
  const e = input.entry;

  if (e.workTypeId !== undefined && !scope.workTypes.some((t) => t.id === e.workTypeId && (!t.archived || t.id === lesson.workTypeId))) {
    throw new ValidationError([{ path: 'body.entry.workTypeId', message: 'Такого вида работы нет в справочнике школы' }]);
  }
  if (e.homework?.dueDate !== undefined && e.homework.dueDate <= lesson.date) {
    throw new ValidationError([{ path: 'body.entry.homework.dueDate', message: 'Срок домашнего задания — позже даты урока' }]);
  }
  if (e.status === 'conducted' && lesson.date > w.today) {
    throw new RuleViolatedError([violation('п. 5.1', 'LESSON_CONDUCTED_IN_FUTURE', 'Урок ещё не прошёл: отметить его проведённым можно в день урока или позже')], {
      path: 'body.entry.status',
    });
  }

  const filledNow = e.status === 'conducted' && lesson.filledAt === undefined;
  const timeZone = schoolTimeZone();
  // п. 5.2: filled after its deadline — allowed, recorded and shown.
  const lateFilling = filledNow
    ? fillTimelinessWarning({ date: lesson.date, status: 'conducted', filledAt: now.toISOString() }, now, timeZone, w.settings.fillDeadlineDays)
    : null;
  const updated: Lesson = lessonSchema.parse({
    ...withoutEntry(lesson),
    status: e.status,
    ...(e.topic ? { topic: e.topic } : {}),
    ...(e.thematicTopicId ? { thematicTopicId: e.thematicTopicId } : {}),
    ...(e.workTypeId ? { workTypeId: e.workTypeId } : {}),
    ...(e.workTopic ? { workTopic: e.workTopic } : {}),
    ...(e.homework ? { homework: e.homework } : {}),
    ...(e.status === 'cancelled' && e.cancellationReason ? { cancellationReason: e.cancellationReason } : {}),
    materials: e.materials,
    ...(e.assignment ? { assignment: e.assignment } : {}),
    ...(e.status === 'conducted'
      ? filledNow
        ? { filledAt: now.toISOString(), filledBy: ctx.personId, ...(lateFilling ? { filledLate: true } : {}) }
        : { filledAt: lesson.filledAt, ...(lesson.filledBy ? { filledBy: lesson.filledBy } : {}), ...(lesson.filledLate ? { filledLate: true } : {}) }
      : {}),
    updatedBy: ctx.personId,
    updatedAt: now.toISOString(),
    version: input.expectedVersion + 1,
  });

  const found = [...checkLessonEntry(updated, scope.workTypes), ...(checkDistanceLesson(updated) ? [checkDistanceLesson(updated)!] : [])];
  const errors = found.filter((v) => !WARNING_CODES.has(v.code));
  if (errors.length) {
    throw new RuleViolatedError(errors, {
      fields: errors.map((v) => ({ path: `body.entry.${typeof v.details?.field === 'string' ? v.details.field : 'status'}`, message: v.message })),
    });
  }
  const warnings = found.filter((v) => WARNING_CODES.has(v.code)).map(toWarning);
  if (lateFilling) warnings.push(toWarning(lateFilling));

  const deadline = fillDeadline(lesson.date, timeZone, w.settings.fillDeadlineDays);
  const result: Result = { lesson: updated, warnings, replayed: false };
  const out = await commitAudited({
    clientRequestId: input.clientRequestId,
    operation: 'saveLesson',
    actor: { userId: ctx.userId, personId: ctx.personId, role: 'teacher' },
    request: { lessonId: input.lessonId, expectedVersion: input.expectedVersion, entry: e },
    writes: [
      {
        // The whole item again, so the unfilled-lesson index (п. 5.2) follows the lesson: in it while due and unfilled, out once filled.
        item: {
          Put: {
            TableName: tableName(),
            Item: lessonItem(updated, { lastDay: deadline.lastDay }),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': input.expectedVersion },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        audit: { entityType: 'lesson', entityKey: `LESSON#${lesson.id}`, action: 'update', before: entryOf(lesson), after: entryOf(updated) },
      },
      ...periodStillOpen(w, now),
      // Families are told of homework they can still do (п. 2.5).
      ...(homeworkIsCurrent(updated, w.today)
        ? changeEventWrites(lessonEventBase(updated, input.clientRequestId, ctx.personId, now), 'homework', [
            { entityKey: `HW#${lesson.id}`, version: updated.version, before: homeworkValue(lesson), after: homeworkValue(updated) },
          ])
        : []),
    ],
    result,
    now,
    onConflict: async ({ index, current }) => {
      if (index === 1 && w.period) return periodClosedMeanwhile(w.period.name);
      if (!current) return new NotFoundError('Урок перенесён или удалён. Обновите страницу.');
      const by = String(current.updatedBy ?? current.filledBy ?? '');
      return new ConflictError('Урок уже изменил другой пользователь. Проверьте его запись и сохраните снова.', {
        current: { ...entryOf(current as unknown as Lesson), version: current.version, ...(by ? { changedByName: await personName(by) } : {}) },
      });
    },
  });
  log.info('lesson saved', { status: updated.status, late: Boolean(updated.filledLate), replayed: out.replayed });
  return { ...out.result, replayed: out.replayed };
}

/** The lesson without what the entry replaces (so a field left out of the form is cleared). */
function withoutEntry(lesson: Lesson) {
  const { topic, thematicTopicId, workTypeId, workTopic, homework, cancellationReason, materials, assignment, filledAt, filledBy, filledLate, updatedBy, updatedAt, ...rest } = lesson;
  void [topic, thematicTopicId, workTypeId, workTopic, homework, cancellationReason, materials, assignment, filledAt, filledBy, filledLate, updatedBy, updatedAt];
  return rest;
}

/** What the audit trail and a conflict show of a lesson. */
function entryOf(l: Lesson) {
  return {
    status: l.status,
    topic: l.topic ?? null,
    workTypeId: l.workTypeId ?? null,
    workTopic: l.workTopic ?? null,
    homework: l.homework ?? null,
    materials: l.materials ?? [],
    assignment: l.assignment ?? null,
    cancellationReason: l.cancellationReason ?? null,
  };
}
