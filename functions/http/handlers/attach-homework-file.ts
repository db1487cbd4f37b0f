import { attachHomeworkFile } from '#shared/api/homework-files.ts';
import { attachHomeworkFile as attach } from '#functions/journal/homework-files.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const attachHomeworkFileHandler = httpHandler(attachHomeworkFile, async ({ ctx, params, body, log }) => attach(ctx, { lessonId: params.lessonId, ...body }, log));
