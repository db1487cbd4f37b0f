import type { AccessContext } from '#shared/authz/access-context.ts';
import type { Attendance } from '#shared/domain/attendance.ts';
import { findAttendanceCode } from '#shared/domain/attendance-codes.ts';
import { violation } from '#shared/domain/rules/violation.ts';
import { commitAudited, type AuditedWrite } from '#functions/data/audited-transaction.ts';
import { attendanceItem, coordinatesOf } from '#functions/data/journal-repository.ts';
import { keys } from '#functions/data/keys.ts';
import { tableName } from '#functions/data/table.ts';
import { ConflictError, NotFoundError, RuleViolatedError, ValidationError, type FieldError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { enrolledDuring } from './lesson-scope.ts';
import { lessonForWrite, periodClosedMeanwhile, periodStillOpen, personName } from './lesson-write.ts';
import { absenceValue, changeEventWrites, lessonEventBase } from './change-events.ts';
import type { EntityChange } from '#functions/data/change-outbox.ts';

type Change = { studentId: string; code: string | null; minutesLate?: number | undefined; expectedVersion: number };
type Input = { lessonId: string; clientRequestId: string; changes: Change[] };
export type SaveAttendanceResult = { lessonId: string; attendance: Attendance[]; replayed: boolean };

/**
 * A lesson's attendance for the class in one all-or-nothing change (п. 5.1): a code sets a
 * student's record (one of the school's codes), `null` — present — removes it ("all present" is
 * every record removed). Each record is written on condition of the version the teacher saw
 * (0: none yet), audited, with the request's idempotency record; a conflict carries the record as
 * it is now and who set it.
 */
export async function saveAttendance(ctx: AccessContext, input: Input, log: Logger, now = new Date()): Promise<SaveAttendanceResult> {
  const w = await lessonForWrite(ctx, input.lessonId, 'saveAttendance', log, now);
  const { lesson, sheet, roster, scope } = w;
  if (lesson.status === 'cancelled') {
    throw new RuleViolatedError([violation('п. 5.1', 'MARK_ON_CANCELLED_LESSON', 'Урок отменён: посещаемость за него не отмечается')]);
  }
  if (lesson.date > w.today) {
    throw new RuleViolatedError([violation('п. 5.1', 'ATTENDANCE_FOR_FUTURE_LESSON', 'Урок ещё не прошёл: посещаемость отмечается на уроке или после него')]);
  }
  const codes = w.settings.attendanceCodes;
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  input.changes.forEach((change, i) => {
    if (seen.has(change.studentId)) fields.push({ path: `body.changes.${i}.studentId`, message: 'Обучающийся указан дважды' });
    seen.add(change.studentId);
    const entry = roster.find((r) => r.studentId === change.studentId);
    if (!entry || !enrolledDuring(entry, scope.subgroup?.id, lesson.date, lesson.date)) {
      fields.push({ path: `body.changes.${i}.studentId`, message: 'Обучающийся не числится в этом классе (подгруппе) на дату урока' });
    }
    if (change.code !== null) {
      const definition = findAttendanceCode(codes, change.code);
      if (!definition || definition.archived) {
        const known = codes.filter((c) => !c.archived).map((c) => c.code).join(', ');
        fields.push({ path: `body.changes.${i}.code`, message: `Неизвестная отметка посещаемости «${change.code}». Допустимые: ${known} (п. 5.1)` });
      }
    }
  });
  if (fields.length) throw new ValidationError(fields);

  const c = coordinatesOf(lesson);
  const current = new Map(sheet.attendance.map((a) => [a.studentId, a]));
  const after = new Map<string, Attendance>(sheet.attendance.map((a) => [a.studentId, plain(a)]));
  const setAt = now.toISOString();
  const writes: AuditedWrite[] = [
    { item: { ConditionCheck: { TableName: tableName(), Key: keys.lesson(c.groupId, c.subjectId, c.date, c.slot), ConditionExpression: 'attribute_exists(pk)' } } },
    ...periodStillOpen(w, now),
  ];
  // What families are told (п. 2.4): an absence or lateness marked, changed or taken back.
  const told: EntityChange[] = [];
  for (const change of input.changes) {
    const before = current.get(change.studentId);
    const key = keys.attendance(c.groupId, c.subjectId, c.date, c.slot, change.studentId);
    const condition =
      change.expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': change.expectedVersion } };
    const entityKey = `ATT#${lesson.id}#${change.studentId}`;
    if (change.code === null) {
      // Present: the record goes. When the teacher saw none, check that none was set meanwhile
      // («all present» must not silently override an absence just marked by someone else).
      if (change.expectedVersion === 0) {
        writes.push({ item: { ConditionCheck: { TableName: tableName(), Key: key, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } } });
        continue;
      }
      after.delete(change.studentId);
      writes.push({
        item: { Delete: { TableName: tableName(), Key: key, ...condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        audit: { entityType: 'attendance', entityKey, action: 'delete', before: before ? plain(before) : { studentId: change.studentId }, after: null },
      });
      told.push({ studentId: change.studentId, entityKey, version: change.expectedVersion + 1, before: absenceValue(before), after: null });
      continue;
    }
    const record: Attendance = {
      lessonId: lesson.id,
      studentId: change.studentId,
      code: change.code,
      ...(change.code === 'ОП' && change.minutesLate ? { minutesLate: change.minutesLate } : {}),
      version: change.expectedVersion + 1,
      setBy: ctx.personId,
      setAt,
    };
    after.set(change.studentId, record);
    writes.push({
      item: { Put: { TableName: tableName(), Item: attendanceItem(record, c, lesson.classId), ...condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
      audit: { entityType: 'attendance', entityKey, action: before ? 'update' : 'create', before: before ? plain(before) : null, after: record },
    });
    told.push({ studentId: change.studentId, entityKey, version: record.version, before: absenceValue(before), after: absenceValue(record) });
  }
  writes.push(...changeEventWrites(lessonEventBase(lesson, input.clientRequestId, ctx.personId, now), 'absence', told));

  const result: SaveAttendanceResult = { lessonId: lesson.id, attendance: [...after.values()], replayed: false };
  const out = await commitAudited({
    clientRequestId: input.clientRequestId,
    operation: 'saveAttendance',
    actor: { userId: ctx.userId, personId: ctx.personId, role: 'teacher' },
    request: { lessonId: input.lessonId, changes: input.changes },
    writes,
    result,
    now,
    onConflict: async ({ index, current: stored }) => {
      if (index === 0) return new NotFoundError('Урок перенесён или удалён. Обновите страницу.');
      if (index === 1 && w.period) return periodClosedMeanwhile(w.period.name);
      return new ConflictError('Посещаемость уже изменил другой пользователь. Проверьте отметку и сохраните снова.', {
        current: stored
          ? { studentId: stored.studentId, code: stored.code, version: stored.version, setBy: stored.setBy, setByName: await personName(String(stored.setBy)), setAt: stored.setAt }
          : null,
      });
    },
  });
  log.info('attendance saved', { changes: input.changes.length, replayed: out.replayed });
  return { ...out.result, replayed: out.replayed };
}

function plain(a: Attendance & Record<string, unknown>): Attendance {
  const { lessonId, studentId, code, minutesLate, comment, version, setBy, setAt } = a;
  return { lessonId, studentId, code, ...(minutesLate ? { minutesLate } : {}), ...(comment ? { comment } : {}), version, setBy, setAt };
}
