import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { getLesson } from '#functions/data/journal-repository.ts';
import { getHistory } from '#functions/data/records-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { NotFoundError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { lessonResource } from './lesson-scope.ts';
import { personName } from './lesson-write.ts';

/** Who set and changed one mark, and when: the lesson (GetItem) decides access, the mark's audit partition (one Query) answers. */
export async function markHistory(ctx: AccessContext, input: { lessonId: string; markId: string }, log: Logger) {
  const [lesson, events] = await Promise.all([getLesson(input.lessonId), getHistory(input.markId)]);
  if (!lesson) throw new NotFoundError('Такого урока нет.');
  enforce(policy.getMarkHistory(ctx, lessonResource(lesson)), ctx, log);
  // The history must belong to this lesson: an id from elsewhere reveals nothing.
  const own = events.filter((e) => (e.after ?? e.before)?.lessonId === input.lessonId);
  if (!own.length) throw new NotFoundError('У этой отметки нет истории в этом уроке.');
  // Who: a few distinct people (the teacher, a substitute, a corrector) — one GetItem each.
  const names = new Map(await Promise.all([...new Set(own.map((e) => e.actorId))].map(async (id) => [id, await personName(id)] as const)));
  return {
    markId: input.markId,
    events: own.map((e) => ({
      at: e.at,
      action: e.action,
      actorId: e.actorId,
      ...(names.get(e.actorId) ? { actorName: names.get(e.actorId)! } : {}),
      before: e.before,
      after: e.after,
    })),
  };
}
