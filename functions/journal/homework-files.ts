import { randomUUID } from 'node:crypto';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { ALLOWED_TYPES_TEXT, MAX_HOMEWORK_FILE_BYTES, MAX_HOMEWORK_FILES, cleanFileName, formatFileSize, homeworkFileTypeOf, looksLike } from '#shared/domain/homework-file-types.ts';
import { lessonSchema, type HomeworkFile, type Lesson } from '#shared/domain/lesson.ts';
import { violation } from '#shared/domain/rules/violation.ts';
import { commitAudited } from '#functions/data/audited-transaction.ts';
import { changeEventWrites, homeworkIsCurrent, homeworkValue, lessonEventBase } from './change-events.ts';
import { copyToHomework, inspectPending, presignUpload, removeHomeworkObject, removePending } from '#functions/data/homework-file-store.ts';
import { lessonItem } from '#functions/data/journal-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { consumeUpload, getUpload, putUpload } from '#functions/data/upload-repository.ts';
import { ConflictError, NotFoundError, RuleViolatedError, ValidationError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolTimeZone } from '#functions/lib/school-clock.ts';
import { fillDeadline } from '#shared/domain/rules/fill-deadline.ts';
import { lessonForWrite, periodClosedMeanwhile, periodStillOpen, personName } from './lesson-write.ts';

/**
 * Homework files (п. 2.5), kept by whoever keeps the lesson: an upload is asked for (type and
 * size declared and checked), the browser puts the file into storage with the single-use URL,
 * and attaching checks what actually landed — its size and first bytes against its type —
 * before the file joins the lesson (one conditional write of the lesson, audited, idempotent).
 */

const tooMany = () =>
  new RuleViolatedError([violation('п. 2.5', 'TOO_MANY_FILES', `К домашнему заданию можно приложить не больше ${MAX_HOMEWORK_FILES} файлов`)]);

export async function createHomeworkUpload(
  ctx: AccessContext,
  input: { lessonId: string; fileName: string; contentType: string; size: number },
  log: Logger,
  now = new Date(),
) {
  const { lesson } = await lessonForWrite(ctx, input.lessonId, 'createHomeworkUpload', log, now, { roster: false });
  const name = cleanFileName(input.fileName);
  const type = homeworkFileTypeOf(name, input.contentType);
  if (!name || !type) {
    throw new ValidationError([{ path: 'body.fileName', message: `Такой файл приложить нельзя. Можно: ${ALLOWED_TYPES_TEXT}` }]);
  }
  if (input.size > MAX_HOMEWORK_FILE_BYTES) {
    throw new ValidationError([{ path: 'body.size', message: `Файл больше ${formatFileSize(MAX_HOMEWORK_FILE_BYTES)}: уменьшите его или разделите` }]);
  }
  if ((lesson.homeworkFiles?.length ?? 0) >= MAX_HOMEWORK_FILES) throw tooMany();
  const uploadId = `hf-${randomUUID()}`;
  await putUpload({ uploadId, lessonId: lesson.id, fileName: name, contentType: type.contentType, size: input.size, createdBy: ctx.personId, createdAt: now.toISOString() }, now);
  const signed = await presignUpload(uploadId, type.contentType, input.size, now);
  log.info('homework upload created', { size: input.size, contentType: type.contentType });
  return { uploadId, method: 'PUT' as const, ...signed, fileName: name, contentType: type.contentType };
}

export async function attachHomeworkFile(
  ctx: AccessContext,
  input: { lessonId: string; clientRequestId: string; uploadId: string; expectedVersion: number },
  log: Logger,
  now = new Date(),
) {
  const w = await lessonForWrite(ctx, input.lessonId, 'attachHomeworkFile', log, now, { roster: false });
  const { lesson } = w;
  // A retry after the answer was lost: the file is there already, under the upload's id.
  if (lesson.homeworkFiles?.some((f) => f.id === input.uploadId)) return { lesson, replayed: true };

  const upload = await getUpload(input.uploadId);
  if (!upload || upload.lessonId !== lesson.id || upload.createdBy !== ctx.personId) {
    throw new NotFoundError('Загрузка не найдена: она уже использована или устарела. Выберите файл ещё раз.');
  }
  if ((lesson.homeworkFiles?.length ?? 0) >= MAX_HOMEWORK_FILES) throw tooMany();
  // Another version than the teacher saw: told before any copying, and the upload stays usable.
  if (lesson.version !== input.expectedVersion) throw lessonChanged(lesson, await lastEditorName(lesson));
  const type = homeworkFileTypeOf(upload.fileName, upload.contentType)!;
  const landed = await inspectPending(upload.uploadId);
  if (!landed) throw new RuleViolatedError([violation('п. 2.5', 'FILE_NOT_UPLOADED', 'Файл не дошёл до хранилища. Загрузите его ещё раз.')]);
  // What storage holds must be what was declared: the size (signed into the URL) and the content.
  if (landed.size !== upload.size || landed.size > MAX_HOMEWORK_FILE_BYTES || !looksLike(type, landed.first)) {
    await removePending(upload.uploadId);
    throw new RuleViolatedError([
      violation('п. 2.5', 'FILE_NOT_ACCEPTED', `Файл «${upload.fileName}» не похож на ${type.label}: он не принят. Сохраните его как ${type.label} и загрузите снова.`),
    ]);
  }

  const file: HomeworkFile = {
    id: upload.uploadId,
    name: upload.fileName,
    contentType: type.contentType,
    size: landed.size,
    uploadedAt: now.toISOString(),
    uploadedBy: ctx.personId,
  };
  const updated = lessonSchema.parse({ ...lesson, homeworkFiles: [...(lesson.homeworkFiles ?? []), file], version: input.expectedVersion + 1 });
  // Copied first: once the lesson names the file, it is there to download. A write that then
  // fails leaves a copy no lesson names (nobody can reach it), taken back below; the upload itself
  // stays, so the same upload can be attached again.
  await copyToHomework(upload.uploadId, lesson.id);
  let out: Awaited<ReturnType<typeof writeLesson>>;
  try {
    out = await writeLesson(ctx, w, input, updated, { action: 'attach', file }, [{ item: consumeUpload(upload.uploadId) }], now);
  } catch (error) {
    await removeHomeworkObject(lesson.id, upload.uploadId).catch(() => undefined);
    throw error;
  }
  // The lesson names the file now; the pending copy is no longer needed (the bucket's lifecycle would take it anyway).
  await removePending(upload.uploadId).catch((error: unknown) => log.warn('pending upload not removed', { error: String(error) }));
  log.info('homework file attached', { size: file.size, contentType: file.contentType, replayed: out.replayed });
  return out;
}

export async function removeHomeworkFile(
  ctx: AccessContext,
  input: { lessonId: string; fileId: string; clientRequestId: string; expectedVersion: number },
  log: Logger,
  now = new Date(),
) {
  const w = await lessonForWrite(ctx, input.lessonId, 'removeHomeworkFile', log, now, { roster: false });
  const { lesson } = w;
  const file = lesson.homeworkFiles?.find((f) => f.id === input.fileId);
  // Taken off already (a retry, or another tab): the lesson as it is.
  if (!file) return { lesson, replayed: true };
  const updated = lessonSchema.parse({ ...lesson, homeworkFiles: lesson.homeworkFiles!.filter((f) => f.id !== file.id), version: input.expectedVersion + 1 });
  const out = await writeLesson(ctx, w, input, updated, { action: 'remove', file }, [], now);
  // The lesson no longer names it, so nobody can reach it; a failed delete only leaves an orphan (logged).
  await removeHomeworkObject(lesson.id, file.id).catch((error: unknown) => log.warn('homework object not removed', { error: String(error) }));
  log.info('homework file removed', { replayed: out.replayed });
  return out;
}

/** The lesson changed since the teacher saw it: its version and files now, and who changed it. */
function lessonChanged(current: Lesson, changedByName: string | undefined) {
  return new ConflictError('Урок уже изменил другой пользователь: его файлы обновлены, повторите действие.', {
    current: { version: current.version, homeworkFiles: current.homeworkFiles ?? [], ...(changedByName ? { changedByName } : {}) },
  });
}

async function lastEditorName(lesson: Lesson): Promise<string | undefined> {
  const by = lesson.updatedBy ?? lesson.filledBy;
  return by ? personName(by) : undefined;
}

/** The lesson with its new list of files: on its version, while its period is open, audited. */
async function writeLesson(
  ctx: AccessContext,
  w: Awaited<ReturnType<typeof lessonForWrite>>,
  input: { lessonId: string; clientRequestId: string; expectedVersion: number },
  updated: Lesson,
  change: { action: 'attach' | 'remove'; file: HomeworkFile },
  extra: { item: ReturnType<typeof consumeUpload> }[],
  now: Date,
) {
  const { lesson } = w;
  const deadline = fillDeadline(lesson.date, schoolTimeZone(), w.settings.fillDeadlineDays);
  const names = (l: Lesson) => (l.homeworkFiles ?? []).map((f) => f.name);
  const out = await commitAudited({
    clientRequestId: input.clientRequestId,
    operation: change.action === 'attach' ? 'attachHomeworkFile' : 'removeHomeworkFile',
    actor: { userId: ctx.userId, personId: ctx.personId, role: 'teacher' },
    request: { lessonId: input.lessonId, expectedVersion: input.expectedVersion, fileId: change.file.id },
    writes: [
      {
        item: {
          Put: {
            TableName: tableName(),
            Item: lessonItem(updated, { lastDay: deadline.lastDay }),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': input.expectedVersion },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        audit: { entityType: 'lesson', entityKey: `LESSON#${lesson.id}`, action: 'update', before: { homeworkFiles: names(lesson) }, after: { homeworkFiles: names(updated) } },
      },
      ...periodStillOpen(w, now),
      ...extra,
      // Families are told of the homework's files too (п. 2.5), while it can still be done.
      ...(homeworkIsCurrent(updated, w.today)
        ? changeEventWrites(lessonEventBase(updated, input.clientRequestId, ctx.personId, now), 'homework', [
            { entityKey: `HW#${lesson.id}`, version: updated.version, before: homeworkValue(lesson), after: homeworkValue(updated) },
          ])
        : []),
    ],
    result: { lesson: updated, replayed: false },
    now,
    onConflict: async ({ index, current }) => {
      if (index === 1 && w.period) return periodClosedMeanwhile(w.period.name);
      // The upload's item went meanwhile: another attach of the same upload won.
      if (extra.length && index === (w.period ? 2 : 1)) {
        return new NotFoundError('Загрузка не найдена: она уже использована или устарела. Выберите файл ещё раз.');
      }
      if (!current) return new NotFoundError('Урок перенесён или удалён. Обновите страницу.');
      const changed = current as unknown as Lesson;
      return lessonChanged(changed, await lastEditorName(changed));
    },
  });
  return { ...out.result, replayed: out.replayed };
}
