import { getStudentMarks } from '#shared/api/journal.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { openStudentMarks } from '#functions/journal/student-views.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getStudentMarksHandler = httpHandler(getStudentMarks, async ({ principal, account, params, query, log }) =>
  openStudentMarks(await loadAccessContext(principal, account), { studentId: params.studentId, periodId: query.periodId }, log),
);
