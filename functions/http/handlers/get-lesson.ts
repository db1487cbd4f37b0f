import { getLesson } from '#shared/api/journal.ts';
import { openLesson } from '#functions/journal/lesson-sheet.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getLessonHandler = httpHandler(getLesson, async ({ ctx, params, log }) => openLesson(ctx, params.lessonId, log));
