/** Lambda entry for the `journal` area: the class journal — lessons, marks, attendance, final marks, distance days. */
import { areaRouter } from '../lib/area-router.ts';
import { attachHomeworkFileHandler } from '../handlers/attach-homework-file.ts';
import { createHomeworkUploadHandler } from '../handlers/create-homework-upload.ts';
import { removeHomeworkFileHandler } from '../handlers/remove-homework-file.ts';
import { declareDistanceDaysHandler } from '../handlers/declare-distance-days.ts';
import { getClassJournalHandler } from '../handlers/get-class-journal.ts';
import { getFinalMarksHandler } from '../handlers/get-final-marks.ts';
import { getLessonHandler } from '../handlers/get-lesson.ts';
import { getMarkHistoryHandler } from '../handlers/get-mark-history.ts';
import { getThematicPlanHandler } from '../handlers/get-thematic-plan.ts';
import { listDistanceDaysHandler } from '../handlers/list-distance-days.ts';
import { listMyJournalsHandler } from '../handlers/list-my-journals.ts';
import { reopenPeriodHandler } from '../handlers/reopen-period.ts';
import { saveAttendanceHandler } from '../handlers/save-attendance.ts';
import { saveLessonHandler } from '../handlers/save-lesson.ts';
import { saveLessonMarksHandler } from '../handlers/save-lesson-marks.ts';
import { setFinalMarksHandler } from '../handlers/set-final-marks.ts';

export const handler = areaRouter([
  listMyJournalsHandler,
  getClassJournalHandler,
  getLessonHandler,
  saveLessonHandler,
  saveLessonMarksHandler,
  saveAttendanceHandler,
  getMarkHistoryHandler,
  getThematicPlanHandler,
  getFinalMarksHandler,
  setFinalMarksHandler,
  reopenPeriodHandler,
  declareDistanceDaysHandler,
  listDistanceDaysHandler,
  createHomeworkUploadHandler,
  attachHomeworkFileHandler,
  removeHomeworkFileHandler,
]);
