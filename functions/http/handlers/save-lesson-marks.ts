import { saveLessonMarks } from '#shared/api/journal.ts';
import { saveLessonMarks as save } from '#functions/journal/save-lesson-marks.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const saveLessonMarksHandler = httpHandler(saveLessonMarks, async ({ ctx, params, body, log }) =>
  save(ctx, { lessonId: params.lessonId, clientRequestId: body.clientRequestId, changes: body.changes }, log),
);
