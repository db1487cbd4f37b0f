/**
 * The contracts by operationId, for types only: the web imports this with `import type`, so it
 * gets each operation's params, query, body and response types without the schemas themselves.
 */
import type * as consents from './consents.ts';
import type * as distance from './distance.ts';
import type * as finalMarks from './final-marks.ts';
import type * as homeworkFiles from './homework-files.ts';
import type * as identity from './identity.ts';
import type * as invitations from './invitations.ts';
import type * as journal from './journal.ts';
import type * as lessons from './lessons.ts';
import type * as notifications from './notifications.ts';
import type * as reports from './reports.ts';
import type * as control from './control.ts';
import type * as people from './people.ts';
import type * as system from './system.ts';
import type * as users from './users.ts';

export type Contracts = {
  getHealth: typeof system.getHealth;
  getOpenApiDocument: typeof system.getOpenApiDocument;
  getMe: typeof identity.getMe;
  signOutEverywhere: typeof identity.signOutEverywhere;
  previewInviteCode: typeof invitations.previewInviteCode;
  redeemInviteCode: typeof invitations.redeemInviteCode;
  issueInviteCodes: typeof invitations.issueInviteCodes;
  listInviteCodes: typeof invitations.listInviteCodes;
  revokeInviteCode: typeof invitations.revokeInviteCode;
  listInvitees: typeof invitations.listInvitees;
  getConsentDocument: typeof consents.getConsentDocument;
  listConsents: typeof consents.listConsents;
  withdrawConsent: typeof consents.withdrawConsent;
  listUsers: typeof users.listUsers;
  disableUser: typeof users.disableUser;
  enableUser: typeof users.enableUser;
  updatePersonContacts: typeof people.updatePersonContacts;
  listMyJournals: typeof journal.listMyJournals;
  getClassJournal: typeof journal.getClassJournal;
  getLesson: typeof journal.getLesson;
  saveLesson: typeof lessons.saveLesson;
  saveLessonMarks: typeof journal.saveLessonMarks;
  saveAttendance: typeof lessons.saveAttendance;
  getMarkHistory: typeof journal.getMarkHistory;
  getThematicPlan: typeof lessons.getThematicPlan;
  getFinalMarks: typeof finalMarks.getFinalMarks;
  setFinalMarks: typeof finalMarks.setFinalMarks;
  reopenPeriod: typeof finalMarks.reopenPeriod;
  declareDistanceDays: typeof distance.declareDistanceDays;
  listDistanceDays: typeof distance.listDistanceDays;
  createHomeworkUpload: typeof homeworkFiles.createHomeworkUpload;
  attachHomeworkFile: typeof homeworkFiles.attachHomeworkFile;
  removeHomeworkFile: typeof homeworkFiles.removeHomeworkFile;
  getHomeworkFile: typeof homeworkFiles.getHomeworkFile;
  getStudentDiary: typeof journal.getStudentDiary;
  getStudentMarks: typeof journal.getStudentMarks;
  listMyChildren: typeof journal.listMyChildren;
  listNotifications: typeof notifications.listNotifications;
  markNotificationsRead: typeof notifications.markNotificationsRead;
  getNotificationSettings: typeof notifications.getNotificationSettings;
  updateNotificationSettings: typeof notifications.updateNotificationSettings;
  previewUnsubscribe: typeof notifications.previewUnsubscribe;
  unsubscribe: typeof notifications.unsubscribe;
  getPerformanceReport: typeof reports.getPerformanceReport;
  getSummarySheet: typeof reports.getSummarySheet;
  getAttendanceReport: typeof reports.getAttendanceReport;
  getMarkAccumulationReport: typeof reports.getMarkAccumulationReport;
  getJournalKeepingReport: typeof reports.getJournalKeepingReport;
  getProgrammeCompletionReport: typeof reports.getProgrammeCompletionReport;
  getSubstitutionReport: typeof reports.getSubstitutionReport;
  getUsageReport: typeof reports.getUsageReport;
  exportReport: typeof control.exportReport;
  listControlReports: typeof control.listControlReports;
  runControlCheck: typeof control.runControlCheck;
  listBackups: typeof control.listBackups;

};
