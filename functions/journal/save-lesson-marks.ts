import { randomBytes } from 'node:crypto';
import type { MarkChange } from '#shared/api/journal.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { newId } from '#shared/domain/ids.ts';
import type { Mark } from '#shared/domain/mark.ts';
import { checkJournalCell } from '#shared/domain/rules/journal-cell.ts';
import { violation, type RuleViolation } from '#shared/domain/rules/violation.ts';
import { commitAudited, type AuditedWrite } from '#functions/data/audited-transaction.ts';
import { coordinatesOf, markItem } from '#functions/data/journal-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { keys } from '#functions/data/keys.ts';
import { isControlMarkLate } from '#shared/domain/rules/fill-deadline.ts';
import { schoolTimeZone } from '#functions/lib/school-clock.ts';
import { ConflictError, NotFoundError, RuleViolatedError, ValidationError, type FieldError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { enrolledDuring } from './lesson-scope.ts';
import { lessonForWrite, periodClosedMeanwhile, periodStillOpen, personName } from './lesson-write.ts';
import { changeEventWrites, lessonEventBase, markValue } from './change-events.ts';
import type { EntityChange } from '#functions/data/change-outbox.ts';

export type SaveLessonMarksInput = { lessonId: string; clientRequestId: string; changes: MarkChange[] };
export type SaveLessonMarksResult = { lessonId: string; marks: Mark[]; replayed: boolean };

/**
 * Saves a lesson's marks as one all-or-nothing change: every edited mark is written on
 * condition that nobody changed it since the teacher saw it (its version), each with an audit
 * event, together with the request's idempotency record — so two teachers racing on one mark
 * get one winner and one conflict carrying the current value and who set it, a failure leaves
 * nothing behind, and a retried request is applied once.
 *
 * Reads: the lesson with its marks (one Query), the class roster (one Query), both at once.
 */
export async function saveLessonMarks(ctx: AccessContext, input: SaveLessonMarksInput, log: Logger, now = new Date()): Promise<SaveLessonMarksResult> {
  const w = await lessonForWrite(ctx, input.lessonId, 'saveLessonMarks', log, now);
  const { scope, lesson, sheet, roster } = w;

  if (lesson.date > w.today) {
    throw new RuleViolatedError([violation('п. 5.1', 'MARK_FOR_FUTURE_LESSON', 'Урок ещё не прошёл: отметки выставляются за проведённые уроки')]);
  }

  // Every change must name a student of this class (and subgroup) on the lesson's date, and a known work type.
  const fields: FieldError[] = [];
  const ruleErrors: FieldError[] = [];
  const broken: RuleViolation[] = [];
  input.changes.forEach((change, i) => {
    const entry = roster.find((r) => r.studentId === change.studentId);
    const enrolled = entry && enrolledDuring(entry, scope.subgroup?.id, lesson.date, lesson.date);
    if (!enrolled) fields.push({ path: `body.changes.${i}.studentId`, message: 'Обучающийся не числится в этом классе (подгруппе) на дату урока' });
    if (change.action !== 'delete') {
      if (!scope.workTypes.some((w) => w.id === change.workTypeId && !w.archived)) {
        fields.push({ path: `body.changes.${i}.workTypeId`, message: 'Такого вида работы нет в справочнике школы' });
      }
      // The cell's rule (п. 5.1, 5.6): no marks in grade 1 or on a cancelled lesson, valid values.
      const cell = checkJournalCell({ grade: scope.schoolClass.grade, lessonStatus: lesson.status, subject: scope.subject, marks: [{ values: change.values }], attendanceCodes: [] });
      for (const v of cell.violations) {
        if (broken.some((b) => b.code === v.code && b.message === v.message)) continue;
        broken.push(v);
        ruleErrors.push({ path: `body.changes.${i}.values`, message: v.message });
      }
    }
  });
  if (fields.length) throw new ValidationError(fields);
  if (broken.length) throw new RuleViolatedError(broken, { message: broken.map((v) => v.message).join(' '), fields: ruleErrors });

  const setAt = now.toISOString();
  // п. 5.2: a control work's marks are due within the fill deadline; late ones are kept, flagged.
  const lateFor = (workTypeId: string) =>
    isControlMarkLate({ workTypeId, setAt }, lesson, scope.workTypes, schoolTimeZone(), w.settings.fillDeadlineDays);
  const coordinates = coordinatesOf(lesson);
  const table = tableName();
  const existing = new Map(sheet.marks.map((m) => [m.id, m]));
  const after = new Map<string, Mark>(sheet.marks.map((m) => [m.id, toMark(m)]));
  const writes: AuditedWrite[] = [
    // The lesson must still be where it was (not moved or removed meanwhile).
    {
      item: {
        ConditionCheck: {
          TableName: table,
          Key: keys.lesson(coordinates.groupId, coordinates.subjectId, coordinates.date, coordinates.slot),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    },
    ...periodStillOpen(w, now),
  ];
  // What families are told (п. 2.4): each mark as it was and as it is now.
  const told: EntityChange[] = [];

  for (const change of input.changes) {
    if (change.action === 'create') {
      const mark: Mark = {
        id: newId('mark', now.getTime(), randomBytes(10)),
        lessonId: lesson.id,
        studentId: change.studentId,
        values: change.values,
        workTypeId: change.workTypeId,
        ...(change.comment ? { comment: change.comment } : {}),
        ...(lateFor(change.workTypeId) ? { late: true } : {}),
        version: 1,
        setBy: ctx.personId,
        setAt,
      };
      after.set(mark.id, mark);
      writes.push({
        item: { Put: { TableName: table, Item: markItem(mark, coordinates, lesson.classId), ConditionExpression: 'attribute_not_exists(pk)' } },
        audit: { entityType: 'mark', entityKey: mark.id, action: 'create', before: null, after: mark },
      });
      told.push({ studentId: mark.studentId, entityKey: mark.id, version: 1, before: null, after: markValue(mark) });
      continue;
    }
    const before = existing.get(change.markId);
    if (before && before.studentId !== change.studentId) {
      throw new ValidationError([{ path: 'body.changes', message: 'Отметка принадлежит другому обучающемуся' }]);
    }
    const key = keys.mark(coordinates.groupId, coordinates.subjectId, coordinates.date, coordinates.slot, change.studentId, change.markId);
    const versionCheck = {
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': change.expectedVersion },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    if (change.action === 'update') {
      const mark: Mark = {
        id: change.markId,
        lessonId: lesson.id,
        studentId: change.studentId,
        values: change.values,
        workTypeId: change.workTypeId,
        ...(change.comment ? { comment: change.comment } : {}),
        // A weight set for this one mark (not its work type's) is an explicit decision: an edit keeps it.
        ...(before?.weight !== undefined ? { weight: before.weight } : {}),
        ...(lateFor(change.workTypeId) ? { late: true } : {}),
        version: change.expectedVersion + 1,
        setBy: ctx.personId,
        setAt,
      };
      after.set(mark.id, mark);
      writes.push({
        item: { Put: { TableName: table, Item: markItem(mark, coordinates, lesson.classId), ...versionCheck } },
        audit: { entityType: 'mark', entityKey: mark.id, action: 'update', before: before ? toMark(before) : null, after: mark },
      });
      told.push({ studentId: mark.studentId, entityKey: mark.id, version: mark.version, before: before ? markValue(before) : null, after: markValue(mark) });
    } else {
      after.delete(change.markId);
      writes.push({
        item: { Delete: { TableName: table, Key: { pk: key.pk, sk: key.sk }, ...versionCheck } },
        audit: { entityType: 'mark', entityKey: change.markId, action: 'delete', before: before ? toMark(before) : { id: change.markId }, after: null },
      });
      told.push({ studentId: change.studentId, entityKey: change.markId, version: change.expectedVersion + 1, before: before ? markValue(before) : null, after: null });
    }
  }
  writes.push(...changeEventWrites(lessonEventBase(lesson, input.clientRequestId, ctx.personId, now), 'mark', told));

  const result: SaveLessonMarksResult = { lessonId: lesson.id, marks: [...after.values()], replayed: false };
  const committed = await commitAudited({
    clientRequestId: input.clientRequestId,
    operation: 'saveLessonMarks',
    actor: { userId: ctx.userId, personId: ctx.personId, role: 'teacher' },
    request: { lessonId: input.lessonId, changes: input.changes },
    writes,
    result,
    now,
    onConflict: async ({ index, current }) => {
      if (index === 0) return new NotFoundError('Урок перенесён или удалён. Обновите страницу.');
      if (index === 1 && w.period) return periodClosedMeanwhile(w.period.name);
      return new ConflictError('Отметку уже изменил другой пользователь. Обновите журнал и проверьте её.', {
        current: current
          ? {
              markId: current.id,
              studentId: current.studentId,
              values: current.values,
              version: current.version,
              setBy: current.setBy,
              setByName: await personName(String(current.setBy)),
              setAt: current.setAt,
            }
          : null,
      });
    },
  });
  return { ...committed.result, replayed: committed.replayed };
}

function toMark(m: Mark & Record<string, unknown>): Mark {
  const { id, lessonId, studentId, values, workTypeId, weight, comment, late, version, setBy, setAt } = m;
  return { id, lessonId, studentId, values, workTypeId, ...(weight !== undefined ? { weight } : {}), ...(comment ? { comment } : {}), ...(late ? { late } : {}), version, setBy, setAt };
}
