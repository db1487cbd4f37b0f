/**
 * Every operation's method and path as plain data — no schema library — so the web calls the API
 * by operationId with types from the contracts (`import type`) without carrying zod. A unit test
 * keeps this table equal to the contracts (test/unit/http/operations.test.ts).
 */
export const routes = {
  getHealth: { method: 'GET', path: '/api/health' },
  getOpenApiDocument: { method: 'GET', path: '/api/openapi.json' },
  getMe: { method: 'GET', path: '/api/me' },
  signOutEverywhere: { method: 'POST', path: '/api/me/sign-out-everywhere' },
  previewInviteCode: { method: 'POST', path: '/api/invite-codes/preview' },
  redeemInviteCode: { method: 'POST', path: '/api/invite-codes/redeem' },
  issueInviteCodes: { method: 'POST', path: '/api/invite-codes' },
  listInviteCodes: { method: 'GET', path: '/api/invite-codes' },
  revokeInviteCode: { method: 'POST', path: '/api/invite-codes/{codeId}/revoke' },
  listInvitees: { method: 'GET', path: '/api/invitees' },
  getConsentDocument: { method: 'GET', path: '/api/consent-document' },
  listConsents: { method: 'GET', path: '/api/consents' },
  withdrawConsent: { method: 'POST', path: '/api/consents/{consentId}/withdraw' },
  listUsers: { method: 'GET', path: '/api/users' },
  disableUser: { method: 'POST', path: '/api/users/{userId}/disable' },
  enableUser: { method: 'POST', path: '/api/users/{userId}/enable' },
  updatePersonContacts: { method: 'PUT', path: '/api/people/{personId}/contacts' },
  listMyJournals: { method: 'GET', path: '/api/me/journals' },
  getClassJournal: { method: 'GET', path: '/api/journals/{groupId}/{subjectId}' },
  getLesson: { method: 'GET', path: '/api/lessons/{lessonId}' },
  saveLesson: { method: 'PUT', path: '/api/lessons/{lessonId}' },
  saveLessonMarks: { method: 'PUT', path: '/api/lessons/{lessonId}/marks' },
  saveAttendance: { method: 'PUT', path: '/api/lessons/{lessonId}/attendance' },
  getMarkHistory: { method: 'GET', path: '/api/lessons/{lessonId}/marks/{markId}/history' },
  getThematicPlan: { method: 'GET', path: '/api/journals/{groupId}/{subjectId}/plan' },
  getFinalMarks: { method: 'GET', path: '/api/journals/{groupId}/{subjectId}/final-marks' },
  setFinalMarks: { method: 'PUT', path: '/api/journals/{groupId}/{subjectId}/final-marks' },
  reopenPeriod: { method: 'POST', path: '/api/journals/{groupId}/{subjectId}/reopen' },
  declareDistanceDays: { method: 'POST', path: '/api/distance-days' },
  listDistanceDays: { method: 'GET', path: '/api/distance-days' },
  createHomeworkUpload: { method: 'POST', path: '/api/lessons/{lessonId}/homework-uploads' },
  attachHomeworkFile: { method: 'POST', path: '/api/lessons/{lessonId}/homework-files' },
  removeHomeworkFile: { method: 'POST', path: '/api/lessons/{lessonId}/homework-files/{fileId}/remove' },
  getHomeworkFile: { method: 'GET', path: '/api/lessons/{lessonId}/homework-files/{fileId}' },
  getStudentDiary: { method: 'GET', path: '/api/students/{studentId}/diary' },
  getStudentMarks: { method: 'GET', path: '/api/students/{studentId}/marks' },
  listMyChildren: { method: 'GET', path: '/api/me/children' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: `/api/${string}` }>;

export type OperationId = keyof typeof routes;
