/**
 * What a school does in a school day and what its table holds, from its usage and the demo
 * school's measured figures: the model's intermediate quantities, each a plain product a reader
 * can redo by hand (docs/cost.md lists them in this order).
 */
import { DOCUMENTED, type Measured } from './measured.ts';
import type { ResolvedUsage } from './usage.ts';

/** Bytes of DynamoDB's per-item overhead in storage (and in each index entry). */
export const ITEM_OVERHEAD_BYTES = 100;
/**
 * Index entries per stored item: marks and attendance have one (gsi1), lessons 2–4, final marks
 * 2, audit events and read notifications none — about 1.2 per journal item, 0.6 once each has its
 * audit event (docs/data-model.md). The notifications would lower it further: an upper bound.
 */
export const INDEX_ENTRIES_PER_ITEM = 0.6;
const KB = 1024;
/** Billing's gigabyte (2^30 bytes). */
export const GB = 1024 ** 3;

export type Activity = {
  /** School days in a school month, and the months a year that bill usage (school months plus the off-season's share). */
  daysPerMonth: number;
  usageMonths: number;
  activeStudents: number;
  activeParents: number;
  activeStaff: number;
  mau: number;
  signIns: number;
  /** Per school day: pages of students and parents (diary, marks), of staff (journal), small requests, reports. */
  familyPages: number;
  staffPages: number;
  smallRequests: number;
  reports: number;
  lessons: number;
  saves: { marks: number; attendance: number; lesson: number };
  /** Write units of one save of each kind (derived, not measured: docs/cost.md, "The method"). */
  saveWru: { marks: number; attendance: number; lesson: number };
  notifications: number;
  mails: number;
  homeworkFiles: number;
  apiRequests: number;
  /** The table at the end of `dataYears` school years. */
  table: { items: number; baseGb: number; storedGb: number };
};

/** Write units of one transactional save: everything is doubled in a transaction, index entries included. */
export function saveWriteUnits(records: number, indexEntries: number, checks: number, answerBytes: number): number {
  // Each record: the item, its index entries, its audit event (≤ 1 KB each); the answer is stored
  // twice (the idempotency record and the change event), each rounded up to whole KB.
  return 2 * (records * (1 + indexEntries + 1) + checks + 2 * Math.ceil(answerBytes / KB));
}

export function activityOf(u: ResolvedUsage, m: Measured): Activity {
  const daysPerMonth = u.schoolDaysPerYear / u.activeMonths;
  const usageMonths = u.activeMonths + (12 - u.activeMonths) * u.offSeasonShare;
  const activeStudents = u.students * u.studentActiveShare;
  const activeParents = u.students * u.parentsPerStudent * u.parentActiveShare;
  const activeStaff = u.staff * u.staffActiveShare;
  const signIns = activeStudents * u.studentSignInsPerDay + activeParents * u.parentSignInsPerDay + activeStaff * u.staffSignInsPerDay;
  const familyPages = activeStudents * u.studentPagesPerDay + activeParents * u.parentPagesPerDay;
  const staffPages = activeStaff * u.staffPagesPerDay;
  const smallRequests = (familyPages + staffPages) * u.extraRequestsPerPage;
  const reports = u.reportsPerMonth / daysPerMonth;

  const d = m.demo;
  const lessons = (u.students * d.lessons) / (d.students * d.schoolDays);
  const marksPerLesson = d.marks / d.lessons;
  const absencesPerLesson = d.attendance / d.lessons;
  const saves = { marks: lessons * u.markSavesPerLesson, attendance: lessons * u.attendanceSavesPerLesson, lesson: lessons * u.entrySavesPerLesson };
  // The bench's saves write a whole class (transactionItems = 2 × records + 2 checks + 1 idempotency record).
  const perRecord = (s: { bytes: number; transactionItems: number }) => s.bytes / Math.max(1, (s.transactionItems - 3) / 2);
  const saveWru = {
    marks: saveWriteUnits(marksPerLesson, 1, 2, marksPerLesson * perRecord(m.saves.marks)),
    attendance: saveWriteUnits(absencesPerLesson, 1, 2, absencesPerLesson * perRecord(m.saves.attendance)),
    // The lesson item has up to four index entries (gsi1 homework due, gsi2, gsi3, due while unfilled) and one check.
    lesson: saveWriteUnits(1, 4, 1, m.saves.lesson.bytes),
  };
  const notifications = lessons * (marksPerLesson + absencesPerLesson) * m.digest.notificationsPerMark;
  const mails = activeParents * u.mailsPerParentPerDay;
  const homeworkFiles = lessons * u.homeworkFilesPerLesson;
  const apiRequests = familyPages + staffPages + smallRequests + reports + saves.marks + saves.attendance + saves.lesson;

  // Per student and school day: the journal's items, one audit event each, and the notifications
  // (kept 400 days, so a whole year's stay); plus what is there from the start.
  const journalPerStudentDay = d.journalItems / (d.students * d.schoolDays);
  const perStudentDay = 2 * journalPerStudentDay + notifications / u.students;
  const items = u.students * (perStudentDay * u.schoolDaysPerYear * u.dataYears + d.staticItems / d.students);
  const baseGb = (items * (DOCUMENTED.itemBytes + ITEM_OVERHEAD_BYTES)) / GB;
  const storedGb = baseGb * (1 + INDEX_ENTRIES_PER_ITEM);

  return {
    daysPerMonth,
    usageMonths,
    activeStudents,
    activeParents,
    activeStaff,
    mau: activeStudents + activeParents + activeStaff,
    signIns,
    familyPages,
    staffPages,
    smallRequests,
    reports,
    lessons,
    saves,
    saveWru,
    notifications,
    mails,
    homeworkFiles,
    apiRequests,
    table: { items, baseGb, storedGb },
  };
}
