import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { presignDownload } from '#functions/data/homework-file-store.ts';
import { getLesson } from '#functions/data/journal-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { NotFoundError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { lessonResource } from './lesson-scope.ts';

/**
 * A download link for one homework file (п. 2.5): the lesson is read (one GetItem), the policy
 * decides (its students and their parents, whoever reads the lesson), and only a file the lesson
 * names is signed — nothing else in storage is reachable through it.
 */
export async function getHomeworkFileLink(ctx: AccessContext, input: { lessonId: string; fileId: string }, log: Logger, now = new Date()) {
  const lesson = await getLesson(input.lessonId);
  if (!lesson) throw new NotFoundError('Такого урока нет.');
  enforce(policy.getHomeworkFile(ctx, lessonResource(lesson)), ctx, log);
  const file = lesson.homeworkFiles?.find((f) => f.id === input.fileId);
  if (!file) throw new NotFoundError('Такого файла у задания нет: возможно, учитель его убрал.');
  const link = await presignDownload(lesson.id, file, now);
  return { ...link, name: file.name, contentType: file.contentType, size: file.size };
}
