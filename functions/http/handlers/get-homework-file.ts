import { getHomeworkFile } from '#shared/api/homework-files.ts';
import { getHomeworkFileLink } from '#functions/journal/homework-file-link.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getHomeworkFileHandler = httpHandler(getHomeworkFile, async ({ ctx, params, log }) => getHomeworkFileLink(ctx, params, log));
