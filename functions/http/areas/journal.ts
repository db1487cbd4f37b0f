/** Lambda entry for the `journal` area: the class journal and its marks. */
import { areaRouter } from '../lib/area-router.ts';
import { getClassJournalHandler } from '../handlers/get-class-journal.ts';
import { saveLessonMarksHandler } from '../handlers/save-lesson-marks.ts';
import { getMarkHistoryHandler } from '../handlers/get-mark-history.ts';
import { getLessonHandler } from '../handlers/get-lesson.ts';
import { listMyJournalsHandler } from '../handlers/list-my-journals.ts';

export const handler = areaRouter([listMyJournalsHandler, getClassJournalHandler, getLessonHandler, saveLessonMarksHandler, getMarkHistoryHandler]);
