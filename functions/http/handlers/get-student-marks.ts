import { getStudentMarks } from '#shared/api/journal.ts';
import { openStudentMarks } from '#functions/journal/student-views.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getStudentMarksHandler = httpHandler(getStudentMarks, async ({ ctx, params, query, log }) =>
  openStudentMarks(ctx, { studentId: params.studentId, periodId: query.periodId }, log),
);
