import { getMarkHistory } from '#shared/api/journal.ts';
import { policy } from '#shared/authz/policy.ts';
import { parseLessonId } from '#shared/domain/lesson-id.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { resolveJournalScope } from '#functions/journal/journal-scope.ts';
import { getHistory } from '#functions/data/records-repository.ts';
import { HttpError } from '../lib/http-error.ts';
import { enforce } from '../lib/authorize.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getMarkHistoryHandler = httpHandler(getMarkHistory, async ({ principal, account, params, log }) => {
  const ctx = await loadAccessContext(principal, account);
  const c = parseLessonId(params.lessonId);
  if (!c) throw new HttpError('NOT_FOUND');
  const scope = await resolveJournalScope(c.groupId, c.subjectId);
  enforce(policy.getMarkHistory(ctx, { classId: scope.schoolClass.id, groupId: c.groupId, subjectId: c.subjectId }), ctx, log);
  // The history must belong to this lesson: an id from elsewhere reveals nothing.
  const events = (await getHistory(params.markId)).filter((e) => (e.after ?? e.before)?.lessonId === params.lessonId);
  if (!events.length) throw new HttpError('NOT_FOUND', { message: 'У этой отметки нет истории в этом уроке.' });
  return {
    markId: params.markId,
    events: events.map((e) => ({ at: e.at, action: e.action, actorId: e.actorId, before: e.before, after: e.after })),
  };
});
