import { saveAttendance } from '#shared/api/lessons.ts';
import { saveAttendance as save } from '#functions/journal/save-attendance.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const saveAttendanceHandler = httpHandler(saveAttendance, async ({ ctx, params, body, log }) => save(ctx, { lessonId: params.lessonId, ...body }, log));
