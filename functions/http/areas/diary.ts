/** Lambda entry for the `diary` area: what students and parents read. */
import { areaRouter } from '../lib/area-router.ts';
import { getHomeworkFileHandler } from '../handlers/get-homework-file.ts';
import { getStudentDiaryHandler } from '../handlers/get-student-diary.ts';
import { getStudentMarksHandler } from '../handlers/get-student-marks.ts';
import { listMyChildrenHandler } from '../handlers/list-my-children.ts';

export const handler = areaRouter([getStudentDiaryHandler, getStudentMarksHandler, listMyChildrenHandler, getHomeworkFileHandler]);
