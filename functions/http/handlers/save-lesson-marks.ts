import { saveLessonMarks } from '#shared/api/journal.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { saveLessonMarks as save } from '#functions/journal/save-lesson-marks.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const saveLessonMarksHandler = httpHandler(saveLessonMarks, async ({ principal, account, params, body, log }) =>
  save(await loadAccessContext(principal, account), { lessonId: params.lessonId, clientRequestId: body.clientRequestId, changes: body.changes }, log),
);
