import { createHomeworkUpload } from '#shared/api/homework-files.ts';
import { createHomeworkUpload as create } from '#functions/journal/homework-files.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const createHomeworkUploadHandler = httpHandler(createHomeworkUpload, async ({ ctx, params, body, log }) => create(ctx, { lessonId: params.lessonId, ...body }, log));
