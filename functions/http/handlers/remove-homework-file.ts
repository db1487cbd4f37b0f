import { removeHomeworkFile } from '#shared/api/homework-files.ts';
import { removeHomeworkFile as remove } from '#functions/journal/homework-files.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const removeHomeworkFileHandler = httpHandler(removeHomeworkFile, async ({ ctx, params, body, log }) =>
  remove(ctx, { lessonId: params.lessonId, fileId: params.fileId, ...body }, log),
);
