import { getStudentDiary } from '#shared/api/journal.ts';
import { openStudentDiary } from '#functions/journal/student-views.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getStudentDiaryHandler = httpHandler(getStudentDiary, async ({ ctx, params, query, log }) =>
  openStudentDiary(ctx, { studentId: params.studentId, weekStart: query.weekStart }, log),
);
