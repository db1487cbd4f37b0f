/**
 * Key builders for the single table: every key string is made here and nowhere else.
 * The design (entities, indexes, access patterns with their key conditions) is documented in
 * docs/data-model.md; each builder says which access pattern it serves.
 *
 * Sort keys that start with an ISO date (`2026-11-30#3#…`) let one Query take a date range
 * (a period, a week) of lessons, marks and attendance together; `~` sorts after every
 * character used in ids, so `<end>~` closes a range inclusively.
 */
export const RANGE_END = '~';

/** A journal: one class or subgroup × one subject for a year (groupIds carry the year). */
const journal = (groupId: string, subjectId: string) => `JOURNAL#${groupId}#${subjectId}`;
export const slotKey = (date: string, slot: number) => `${date}#${String(slot).padStart(2, '0')}`;
/** The partition of the data migrations' records and their runner's lease (keys.migration). */
const MIGRATIONS = 'MIGRATION';

export const keys = {
  // ── identity ────────────────────────────────────────────────────────────────
  /** An account (a Cognito user): GetItem by sub when a request comes in. */
  account: (userId: string) => ({ pk: `ACCOUNT#${userId}`, sk: 'PROFILE' }),
  /** gsi1: an account by login (case-insensitive, like the user pool). */
  accountByLogin: (login: string) => ({ gsi1pk: `LOGIN#${login.toLowerCase()}`, gsi1sk: 'ACCOUNT' }),
  /** gsi3: every account by login (the operator's list of users), one partition, paged. */
  accountInList: (login: string) => ({ gsi3pk: 'ACCOUNTS', gsi3sk: login.toLowerCase() }),

  /** An invitation code's register entry: GetItem by id (revoke). */
  inviteCode: (codeId: string) => ({ pk: `INVITE#${codeId}`, sk: 'CODE' }),
  /**
   * A code by the hash of its text (preview, redemption): a small item of its own in the table,
   * read with a strongly consistent GetItem — an index would lag, and a code typed in just after
   * it was printed must be found.
   */
  inviteCodeByHash: (codeHash: string) => ({ pk: `INVITEHASH#${codeHash}`, sk: 'CODE' }),
  /** gsi3: the register of a class or of the staff, by issue time. */
  inviteInRegister: (scopeKey: string, issuedAt: string, codeId: string) => ({ gsi3pk: `INVITES#${scopeKey}`, gsi3sk: `${issuedAt}#${codeId}` }),

  /**
   * The one live invitation code of a person (pointer to its id), on the person's partition:
   * issuing a code puts it on condition that it still points where the issuer saw it, so two
   * issuers at the same moment cannot leave two live codes (the register index may lag).
   */
  liveInviteCode: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'LIVECODE' }),

  /** A consent: GetItem by id (withdraw). */
  consent: (consentId: string) => ({ pk: `CONSENT#${consentId}`, sk: 'CONSENT' }),
  /** gsi1: the consent register, by time (one partition, paged). */
  consentInRegister: (acceptedAt: string, consentId: string) => ({ gsi1pk: 'CONSENTS', gsi1sk: `${acceptedAt}#${consentId}` }),
  /** gsi2: the consents one person signed (for themselves and their children). */
  consentBySigner: (signedById: string, acceptedAt: string, consentId: string) => ({
    gsi2pk: `SIGNER#${signedById}`,
    gsi2sk: `${acceptedAt}#${consentId}`,
  }),
  /** The consent's copy on its subject's person partition: read with the person for every access decision. */
  consentOnPerson: (personId: string, consentId: string) => ({ pk: `PERSON#${personId}`, sk: `CONSENT#${consentId}` }),

  /** A homework upload waiting to be attached: GetItem by id (attachHomeworkFile); TTL removes it. */
  homeworkUpload: (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' }),

  /** A fixed-window rate counter (TTL removes it). */
  rateCounter: (bucket: string, key: string, windowStart: number) => ({ pk: `RATE#${bucket}#${key}`, sk: String(windowStart) }),

  // ── school reference data: one partition, read whole and cached ─────────────
  /** School settings, years, subjects, bells: Query pk = SCHOOL. */
  school: () => ({ pk: 'SCHOOL' }),
  schoolSettings: () => ({ pk: 'SCHOOL', sk: 'SETTINGS' }),
  academicYear: (yearId: string) => ({ pk: 'SCHOOL', sk: `YEAR#${yearId}` }),
  subject: (subjectId: string) => ({ pk: 'SCHOOL', sk: `SUBJECT#${subjectId}` }),
  bellSchedule: (scheduleId: string) => ({ pk: 'SCHOOL', sk: `BELLS#${scheduleId}` }),

  // ── the year's structure: one partition per year, read whole and cached ─────
  /** Periods, classes, subgroups, assignments, class teachers, curriculum: Query pk = YEAR#y. */
  year: (yearId: string) => ({ pk: `YEAR#${yearId}` }),
  studyPeriod: (yearId: string, periodId: string) => ({ pk: `YEAR#${yearId}`, sk: `PERIOD#${periodId}` }),
  schoolClass: (yearId: string, classId: string) => ({ pk: `YEAR#${yearId}`, sk: `CLASS#${classId}` }),
  subgroup: (yearId: string, subgroupId: string) => ({ pk: `YEAR#${yearId}`, sk: `SUBGROUP#${subgroupId}` }),
  assignment: (yearId: string, assignmentId: string) => ({ pk: `YEAR#${yearId}`, sk: `ASSIGN#${assignmentId}` }),
  /** gsi2: a teacher's assignments for a year. */
  assignmentByTeacher: (teacherId: string, yearId: string, assignmentId: string) => ({
    gsi2pk: `TEACHER#${teacherId}`,
    gsi2sk: `ASSIGN#${yearId}#${assignmentId}`,
  }),
  /** A class-teacher appointment; a class may change hands during the year, so each has its own item. */
  classTeacher: (yearId: string, classId: string, appointmentId: string) => ({ pk: `YEAR#${yearId}`, sk: `CLASSTEACHER#${classId}#${appointmentId}` }),
  curriculumLine: (yearId: string, grade: number, subjectId: string) => ({
    pk: `YEAR#${yearId}`,
    sk: `CURRICULUM#${String(grade).padStart(2, '0')}#${subjectId}`,
  }),

  // ── people ─────────────────────────────────────────────────────────────────
  /** A person and their relationships (children, parents, enrollments): Query pk = PERSON#id. */
  person: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PROFILE' }),
  /** gsi3: the staff by name (issuing staff codes). Set on staff persons only. */
  staffByName: (sortName: string, personId: string) => ({ gsi3pk: 'STAFF', gsi3sk: `${sortName}#${personId}` }),
  personPartition: (personId: string) => ({ pk: `PERSON#${personId}` }),
  /** A parent's children: Query pk = PERSON#parent, sk begins_with CHILD#. */
  guardianChild: (parentId: string, studentId: string) => ({ pk: `PERSON#${parentId}`, sk: `CHILD#${studentId}` }),
  /** The same guardianship seen from the child: pk = PERSON#student, sk begins_with PARENT#. */
  guardianParent: (studentId: string, parentId: string) => ({ pk: `PERSON#${studentId}`, sk: `PARENT#${parentId}` }),
  /** A student's enrollment, on the person (their classes over time). */
  personEnrollment: (studentId: string, yearId: string, classId: string) => ({
    pk: `PERSON#${studentId}`,
    sk: `ENROLL#${yearId}#${classId}`,
  }),
  /** A class roster line: Query pk = CLASS#id, sk begins_with STUDENT#. Subgroup rosters filter by subgroupIds. */
  rosterEntry: (classId: string, studentId: string) => ({ pk: `CLASS#${classId}`, sk: `STUDENT#${studentId}` }),
  roster: (classId: string) => ({ pk: `CLASS#${classId}`, skPrefix: 'STUDENT#' }),
  /** A parent of a student of the class, on the class partition (the class's families in one Query). */
  familyLine: (classId: string, studentId: string, parentId: string) => ({ pk: `CLASS#${classId}`, sk: `PARENT#${studentId}#${parentId}` }),

  // ── planning and timetable ─────────────────────────────────────────────────
  /** A thematic plan (КТП) of one journal: Query pk = PLAN#…, topics in order. */
  planTopic: (groupId: string, subjectId: string, order: number) => ({
    pk: `PLAN#${groupId}#${subjectId}`,
    sk: `TOPIC#${String(order).padStart(3, '0')}`,
  }),
  /** The school's weekly timetable for a year: Query pk = TIMETABLE#y (optionally a class prefix). */
  timetableSlot: (yearId: string, classId: string, weekday: number, slot: number, groupId: string) => ({
    pk: `TIMETABLE#${yearId}`,
    sk: `${classId}#${weekday}#${String(slot).padStart(2, '0')}#${groupId}`,
  }),
  /** Timetable changes by date: Query pk = CHANGES#y, sk between dates. */
  timetableChange: (yearId: string, date: string, classId: string, slot: number, groupId: string) => ({
    pk: `CHANGES#${yearId}`,
    sk: `${slotKey(date, slot)}#${classId}#${groupId}`,
  }),

  // ── the journal ────────────────────────────────────────────────────────────
  /** Lessons, marks and attendance of a journal for a date range: Query pk = JOURNAL#…, sk between dates. */
  journal: (groupId: string, subjectId: string) => ({ pk: journal(groupId, subjectId) }),
  lesson: (groupId: string, subjectId: string, date: string, slot: number) => ({
    pk: journal(groupId, subjectId),
    sk: `${slotKey(date, slot)}#L`,
  }),
  /** gsi2: the lessons a teacher actually teaches (the substitute, when there is one) by date. */
  lessonByTeacher: (teacherId: string, date: string, slot: number, lessonId: string) => ({
    gsi2pk: `TEACHER#${teacherId}`,
    gsi2sk: `${slotKey(date, slot)}#${lessonId}`,
  }),
  /** gsi3: the lessons of a class and all its subgroups by date (the diary week). */
  lessonByClass: (classId: string, date: string, slot: number, groupId: string) => ({
    gsi3pk: `CLASS#${classId}`,
    gsi3sk: `${slotKey(date, slot)}#${groupId}`,
  }),
  /**
   * gsi1 (sparse): a lesson whose homework has a due date, under its class (a subgroup's lesson
   * too) by that date — the diary day shows what is due then (AP25). Set only while the lesson's
   * homework has a due date.
   */
  homeworkDue: (classId: string, dueDate: string, date: string, slot: number, groupId: string) => ({
    gsi1pk: `HOMEWORKDUE#${classId}`,
    gsi1sk: `${dueDate}#${slotKey(date, slot)}#${groupId}`,
  }),
  homeworkDuePartition: (classId: string) => ({ gsi1pk: `HOMEWORKDUE#${classId}` }),
  /** due: a lesson whose journal entry is not filled yet, by the last day to fill it (п. 5.2), `<day>#<lessonId>`. Removed when filled. */
  lessonUnfilled: (deadline: string) => ({ duePk: 'UNFILLED', dueAt: deadline }),
  /** A lesson may hold several marks of one student (different works), hence the mark id. */
  mark: (groupId: string, subjectId: string, date: string, slot: number, studentId: string, markId: string) => ({
    pk: journal(groupId, subjectId),
    sk: `${slotKey(date, slot)}#M#${studentId}#${markId}`,
  }),
  attendance: (groupId: string, subjectId: string, date: string, slot: number, studentId: string) => ({
    pk: journal(groupId, subjectId),
    sk: `${slotKey(date, slot)}#A#${studentId}`,
  }),
  /** gsi1: a student's marks and attendance across subjects by date (diary week, all marks of a period). */
  studentTimeline: (studentId: string, date: string, slot: number, kind: 'M' | 'A', subjectId: string, markId = '') => ({
    gsi1pk: `STUDENT#${studentId}`,
    gsi1sk: `${slotKey(date, slot)}#${kind}#${subjectId}${markId ? `#${markId}` : ''}`,
  }),
  studentTimelinePartition: (studentId: string) => ({ gsi1pk: `STUDENT#${studentId}` }),
  /**
   * A final mark, in its journal's partition under the last day of its period (`<end>#~F#…`
   * sorts after that day's lessons), so the journal page reads the period's final marks with its
   * lessons in one Query. gsi3: a class's final marks of a period, every subject (the summary sheet).
   */
  finalMark: (groupId: string, subjectId: string, periodEnd: string, periodId: string, studentId: string) => ({
    pk: journal(groupId, subjectId),
    sk: `${periodEnd}#~F#${periodId}#${studentId}`,
  }),
  finalMarkInClass: (classId: string, periodId: string, subjectId: string, studentId: string) => ({
    gsi3pk: `FINALS#${classId}#${periodId}`,
    gsi3sk: `${subjectId}#${studentId}`,
  }),
  /**
   * The state of a journal in a period (closed after final marks, reopened): beside its final
   * marks, read with a GetItem by the writes that must respect it.
   */
  journalPeriodState: (groupId: string, subjectId: string, periodEnd: string, periodId: string) => ({
    pk: journal(groupId, subjectId),
    sk: `${periodEnd}#~S#${periodId}`,
  }),
  /** A declared distance day of a class (п. 5.7), in the year's partition of changes: Query pk = CHANGES#y, sk begins_with DISTANCE#. */
  distanceDay: (yearId: string, date: string, classId: string) => ({ pk: `CHANGES#${yearId}`, sk: `DISTANCE#${date}#${classId}` }),
  studentFinal: (studentId: string, periodId: string, subjectId: string) => ({
    gsi1pk: `STUDENT#${studentId}`,
    gsi1sk: `FINAL#${periodId}#${subjectId}`,
  }),

  // ── audit and idempotency ──────────────────────────────────────────────────
  /** The history of one record (e.g. one mark): Query pk = AUDIT#<entityKey>, oldest first. */
  audit: (entityKey: string, at: string, requestId: string, n: number) => ({
    pk: `AUDIT#${entityKey}`,
    sk: `${at}#${requestId}#${String(n).padStart(2, '0')}`,
  }),
  idempotency: (clientRequestId: string) => ({ pk: `IDEMPOTENCY#${clientRequestId}`, sk: 'REQUEST' }),

  // ── messages, notifications, mail ──────────────────────────────────────────
  /** A user's messages, newest last: Query pk = INBOX#person. */
  inboxEntry: (personId: string, sentAt: string, messageId: string) => ({ pk: `INBOX#${personId}`, sk: `${sentAt}#${messageId}` }),
  message: (messageId: string) => ({ pk: `MESSAGE#${messageId}`, sk: 'MESSAGE' }),
  /**
   * The outbox of the journal's changes (marks, absences, homework, final marks): one item per
   * saving request, written in its transaction, fanned out into notifications by `deliver-mail`.
   */
  changeEvent: (eventId: string) => ({ pk: `CHANGE#${eventId}`, sk: 'CHANGE' }),
  /** due: change events waiting for the fan-out, oldest first (sparse: removed when done). */
  changeDue: (at: string) => ({ duePk: CHANGE_PENDING, dueAt: at }),
  /**
   * A recipient's notifications, newest first: Query pk = NOTES#<person>, descending. The id is
   * time-ordered (a ULID of the change's moment), so the sort key is the id itself.
   */
  notification: (recipientId: string, notificationId: string) => ({ pk: `NOTES#${recipientId}`, sk: notificationId }),
  /** gsi1: a recipient's unread notifications (the bell's count; «read all»). Sparse. */
  notificationUnread: (recipientId: string, notificationId: string) => ({ gsi1pk: `UNREAD#${recipientId}`, gsi1sk: notificationId }),
  /**
   * gsi2: the open notifications about one thing (a mark, an absence, a lesson's homework, a final
   * mark), one per recipient — neither read nor e-mailed yet, so a further change merges into it.
   */
  notificationOpen: (entityKey: string, recipientId: string) => ({ gsi2pk: `OPEN#${entityKey}`, gsi2sk: recipientId }),
  /** due: notifications waiting to be e-mailed (instant after a settling delay, or the digest time). */
  notificationMailDue: (dueAt: string) => ({ duePk: NOTEMAIL_PENDING, dueAt }),
  /** A person's own notification settings, in their partition (read with the person). */
  notificationSettings: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'NOTIFYSETTINGS' }),
  /** A signing key of the school (e.g. for unsubscribe links), made on first use. */
  signingKey: (purpose: string) => ({ pk: `SECRET#${purpose}`, sk: 'KEY' }),
  /** A scheduled job's lease, so overlapping runs of it do not work side by side. */
  jobLease: (job: string) => ({ pk: `JOBLEASE#${job}`, sk: 'LEASE' }),
  /**
   * The data migrations (functions/migrations): one record per migration by its id (status,
   * cursor, counts) and the one runner's lease, in one small partition — "is anything pending?"
   * is one Query of it.
   */
  migrations: () => ({ pk: MIGRATIONS }),
  migration: (migrationId: string) => ({ pk: MIGRATIONS, sk: migrationId }),
  migrationLease: () => ({ pk: MIGRATIONS, sk: 'LEASE' }),
  /** A queued e-mail. */
  mail: (mailId: string) => ({ pk: `MAIL#${mailId}`, sk: 'MAIL' }),
  /** due: mail waiting for delivery, oldest first. Removed once sent (sparse). */
  mailDue: (dueAt: string) => ({ duePk: 'MAIL#PENDING', dueAt }),
} as const;

export const MAIL_PENDING = 'MAIL#PENDING';
export const CHANGE_PENDING = 'CHANGE#PENDING';
export const NOTEMAIL_PENDING = 'NOTEMAIL#PENDING';
export const UNFILLED = 'UNFILLED';
