import { saveLesson } from '#shared/api/lessons.ts';
import { saveLesson as save } from '#functions/journal/save-lesson.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const saveLessonHandler = httpHandler(saveLesson, async ({ ctx, params, body, log }) => save(ctx, { lessonId: params.lessonId, ...body }, log));
