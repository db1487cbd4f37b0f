import { getStudentDiary } from '#shared/api/journal.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { openStudentDiary } from '#functions/journal/student-views.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getStudentDiaryHandler = httpHandler(getStudentDiary, async ({ principal, account, params, query, log }) =>
  openStudentDiary(await loadAccessContext(principal, account), { studentId: params.studentId, weekStart: query.weekStart }, log),
);
