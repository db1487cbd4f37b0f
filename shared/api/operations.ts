import type { OperationContract } from './operation.ts';
import { getHealth, getOpenApiDocument } from './system.ts';
import { getMe, signOutEverywhere } from './identity.ts';
import { issueInviteCodes, listInviteCodes, listInvitees, previewInviteCode, redeemInviteCode, revokeInviteCode } from './invitations.ts';
import { getConsentDocument, listConsents, withdrawConsent } from './consents.ts';
import { disableUser, enableUser, listUsers } from './users.ts';
import { updatePersonContacts } from './people.ts';
import { declareDistanceDays, listDistanceDays } from './distance.ts';
import { getFinalMarks, reopenPeriod, setFinalMarks } from './final-marks.ts';
import { getThematicPlan, saveAttendance, saveLesson } from './lessons.ts';
import { attachHomeworkFile, createHomeworkUpload, getHomeworkFile, removeHomeworkFile } from './homework-files.ts';
import { getNotificationSettings, listNotifications, markNotificationsRead, previewUnsubscribe, unsubscribe, updateNotificationSettings } from './notifications.ts';
import { getPerformanceReport, getSummarySheet, getAttendanceReport, getMarkAccumulationReport, getJournalKeepingReport, getProgrammeCompletionReport, getSubstitutionReport, getUsageReport } from './reports.ts';
import { exportReport, listControlReports, runControlCheck, listBackups } from './control.ts';
import { getClassJournal, getLesson, getMarkHistory, getStudentDiary, getStudentMarks, listMyChildren, listMyJournals, saveLessonMarks } from './journal.ts';

/** Every API operation. A route not listed here does not exist (the $default route answers 404). */
export const operations: OperationContract[] = [
  getHealth,
  getOpenApiDocument,
  getMe,
  signOutEverywhere,
  previewInviteCode,
  redeemInviteCode,
  issueInviteCodes,
  listInviteCodes,
  revokeInviteCode,
  listInvitees,
  getConsentDocument,
  listConsents,
  withdrawConsent,
  listUsers,
  disableUser,
  enableUser,
  updatePersonContacts,
  listMyJournals,
  getClassJournal,
  getLesson,
  saveLesson,
  saveLessonMarks,
  saveAttendance,
  getMarkHistory,
  getThematicPlan,
  getFinalMarks,
  setFinalMarks,
  reopenPeriod,
  declareDistanceDays,
  listDistanceDays,
  createHomeworkUpload,
  attachHomeworkFile,
  removeHomeworkFile,
  getHomeworkFile,
  getStudentDiary,
  getStudentMarks,
  listMyChildren,
  listNotifications,
  markNotificationsRead,
  getNotificationSettings,
  updateNotificationSettings,
  previewUnsubscribe,
  unsubscribe,
  getPerformanceReport,
  getSummarySheet,
  getAttendanceReport,
  getMarkAccumulationReport,
  getJournalKeepingReport,
  getProgrammeCompletionReport,
  getSubstitutionReport,
  getUsageReport,
  exportReport,
  listControlReports,
  runControlCheck,
  listBackups,
];

/** Areas are the HTTP Lambda functions; `system` also serves the $default (not found) route. */
export const DEFAULT_ROUTE_AREA = 'system';

export function areasOf(list: OperationContract[] = operations): string[] {
  return [...new Set(list.map((o) => o.area))].sort();
}
