import * as z from 'zod';
import { STUDY_PERIOD_ID } from './study-period-ids.ts';

/**
 * Identifier formats. All ids are strings, stable for the record's life, never reused.
 *
 * Natural ids (readable, derived from what they name):
 * | what | format | example |
 * |---|---|---|
 * | school | `[a-z][a-z0-9-]{1,30}[a-z0-9]` (as in the school config) | `balashov-7` |
 * | academic year | `<start>-<start+1>` | `2026-2027` |
 * | study period | `<year>-<kind><number>`, kind q = четверть, t = триместр, h = полугодие, y = год | `2026-2027-q1`, `2026-2027-h2`, `2026-2027-y` |
 * | class | `c-<start year>-<grade, 2 digits>-<letter>` with the Cyrillic letter itself, no transliteration | `c-2026-05-А` |
 * | lesson | `<group>.<subject>.<date>.<slot>`: group = class id or subgroup id | `c-2026-05-А.sub-01JC….2026-09-01.3` |
 * | work type | lower-case ASCII slug | `control`, `homework` |
 * | attendance code | the Cyrillic code itself | `Н`, `УП` |
 *
 * A class id contains one Cyrillic letter, so in a URL path it is percent-encoded: always
 * build paths with `encodeURIComponent(classId)` and read them decoded. Class letters exclude
 * Ё, Й, Ъ, Ы, Ь (never used for classes; Ё and Й also have decomposed Unicode forms). A class
 * record belongs to one academic year: 5А of 2026-2027 (`c-2026-05-А`) becomes 6А of 2027-2028
 * (`c-2027-06-А`); students carry over through enrollments.
 *
 * Opaque ids: `<prefix>-<ULID>` — a 26-character Crockford base32 ULID (time-ordered, upper
 * case), e.g. `les-01JC6Q2V5X8Y9Z0A1B2C3D4E5F`. The prefix says what the id names (see
 * `idPrefix`), so a person id can never be passed where a subject id is expected unnoticed.
 * `newId(kind, timeMs, randomBytes)` builds one; the caller supplies the time and 10 random
 * bytes (`crypto.getRandomValues`), which keeps this module pure.
 *
 * A lesson is identified by where it sits in the journal: its group (class or subgroup),
 * subject, date and lesson number. A group has at most one lesson per slot, so the id is unique,
 * creating the same lesson twice is idempotent, and the lesson's storage keys follow from the
 * id alone. A lesson moved to another date or slot gets a new id (its marks move with it).
 *
 * Records identified by a natural key have no id of their own: attendance (lesson, student),
 * final mark (student, subject, study period).
 */

/** Prefixes of opaque ids. */
export const idPrefix = {
  person: 'p',
  subject: 'sub',
  subgroup: 'sg',
  enrollment: 'enr',
  guardianship: 'grd',
  teachingAssignment: 'ta',
  classTeacher: 'ct',
  curriculumLine: 'cur',
  thematicPlan: 'ktp',
  thematicTopic: 'top',
  bellSchedule: 'bell',
  timetableSlot: 'tt',
  timetableChange: 'chg',
  mark: 'mk',
  messageThread: 'thr',
  message: 'msg',
  notification: 'ntf',
  invitationCode: 'inv',
  consent: 'cns',
  auditEvent: 'aud',
} as const;
export type IdKind = keyof typeof idPrefix;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const MAX_ULID_TIME = 2 ** 48 - 1;

/**
 * A ULID from a time (epoch ms, 48 bits) and 10 random bytes (80 bits): 10 time characters
 * then 16 random ones, Crockford base32.
 */
export function encodeUlid(timeMs: number, random: Uint8Array): string {
  if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > MAX_ULID_TIME) {
    throw new RangeError(`ULID time out of range: ${timeMs}`);
  }
  if (random.length !== 10) throw new RangeError('ULID needs exactly 10 random bytes');
  let time = '';
  let t = timeMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  let out = '';
  let value = 0;
  let bits = 0;
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return time + out;
}

/** A new opaque id, e.g. `newId('lesson', Date.now(), crypto.getRandomValues(new Uint8Array(10)))`. */
export function newId(kind: IdKind, timeMs: number, random: Uint8Array): string {
  return `${idPrefix[kind]}-${encodeUlid(timeMs, random)}`;
}

/** Does `id` have the opaque format of `kind`? */
export function isIdOf(kind: IdKind, id: string): boolean {
  return new RegExp(`^${idPrefix[kind]}-${ULID}$`).test(id);
}

function opaqueIdSchema(kind: IdKind, componentId: string, what: string) {
  const prefix = idPrefix[kind];
  return z
    .string()
    .regex(new RegExp(`^${prefix}-${ULID}$`), {
      error: `Неверный идентификатор (${what}): ожидается ${prefix}-<ULID из 26 символов>`,
    })
    .meta({ id: componentId, description: `Opaque id of ${what}: \`${prefix}-<ULID>\`` });
}

export const personIdSchema = opaqueIdSchema('person', 'PersonId', 'человек');
export const subjectIdSchema = opaqueIdSchema('subject', 'SubjectId', 'предмет');
export const subgroupIdSchema = opaqueIdSchema('subgroup', 'SubgroupId', 'подгруппа');
export const enrollmentIdSchema = opaqueIdSchema('enrollment', 'EnrollmentId', 'зачисление');
export const guardianshipIdSchema = opaqueIdSchema('guardianship', 'GuardianshipId', 'представительство');
export const teachingAssignmentIdSchema = opaqueIdSchema('teachingAssignment', 'TeachingAssignmentId', 'нагрузка учителя');
export const classTeacherIdSchema = opaqueIdSchema('classTeacher', 'ClassTeacherId', 'классное руководство');
export const curriculumLineIdSchema = opaqueIdSchema('curriculumLine', 'CurriculumLineId', 'строка учебного плана');
export const thematicPlanIdSchema = opaqueIdSchema('thematicPlan', 'ThematicPlanId', 'тематический план');
export const thematicTopicIdSchema = opaqueIdSchema('thematicTopic', 'ThematicTopicId', 'тема плана');
export const bellScheduleIdSchema = opaqueIdSchema('bellSchedule', 'BellScheduleId', 'расписание звонков');
export const timetableSlotIdSchema = opaqueIdSchema('timetableSlot', 'TimetableSlotId', 'урок расписания');
export const timetableChangeIdSchema = opaqueIdSchema('timetableChange', 'TimetableChangeId', 'изменение расписания');
export const markIdSchema = opaqueIdSchema('mark', 'MarkId', 'отметка');
export const messageThreadIdSchema = opaqueIdSchema('messageThread', 'MessageThreadId', 'переписка');
export const messageIdSchema = opaqueIdSchema('message', 'MessageId', 'сообщение');
export const notificationIdSchema = opaqueIdSchema('notification', 'NotificationId', 'уведомление');
export const invitationCodeIdSchema = opaqueIdSchema('invitationCode', 'InvitationCodeId', 'пригласительный код');
export const consentIdSchema = opaqueIdSchema('consent', 'ConsentId', 'согласие');
export const auditEventIdSchema = opaqueIdSchema('auditEvent', 'AuditEventId', 'запись журнала аудита');

/** School id, the same format as `schoolId` in the school config. */
export const schoolIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, {
    error: 'Идентификатор школы: строчные латинские буквы, цифры и дефис, 3–32 символа',
  })
  .meta({ id: 'SchoolId', description: 'School id, e.g. balashov-7' });

/** Academic year id `2026-2027`: the second year follows the first. */
export const academicYearIdSchema = z
  .string()
  .regex(/^\d{4}-\d{4}$/, { error: 'Учебный год указывается как 2026-2027' })
  .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, {
    error: 'Учебный год: второй год должен следовать за первым, например 2026-2027',
  })
  .meta({ id: 'AcademicYearId', description: 'Academic year, e.g. 2026-2027' });

export function academicYearIdOf(startYear: number): string {
  return `${startYear}-${startYear + 1}`;
}

/** The first calendar year of an academic year id (`2026-2027` → 2026). */
export function academicYearStart(academicYearId: string): number {
  return Number(academicYearId.slice(0, 4));
}

/** Study period id `2026-2027-q1` (q1–q4 quarters, t1–t3 trimesters, h1–h2 half-years, y the year). */
export const studyPeriodIdSchema = z
  .string()
  .regex(STUDY_PERIOD_ID, {
    error: 'Учебный период указывается как 2026-2027-q1 (четверть), -t1 (триместр), -h1 (полугодие) или -y (год)',
  })
  .meta({ id: 'StudyPeriodId', description: 'Study period, e.g. 2026-2027-q1, 2026-2027-h2, 2026-2027-y' });

/** Letters used for classes: А–Я without Ё, Й, Ъ, Ы, Ь. */
export const CLASS_LETTERS = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ';

const CLASS_ID = new RegExp(`^c-(\\d{4})-(0[1-9]|1[01])-([${CLASS_LETTERS}])$`);

/** Class id `c-2026-05-А`: start year of the academic year, grade (two digits), Cyrillic letter. */
export const classIdSchema = z
  .string()
  .regex(CLASS_ID, { error: 'Идентификатор класса указывается как c-2026-05-А (год, параллель, литера)' })
  .meta({
    id: 'ClassId',
    description: 'Class of one academic year: c-<start year>-<grade 01–11>-<Cyrillic letter>, e.g. c-2026-05-А (percent-encode in URLs)',
  });

export function classIdOf(academicYearId: string, grade: number, letter: string): string {
  return `c-${academicYearStart(academicYearId)}-${String(grade).padStart(2, '0')}-${letter}`;
}

/** The parts of a class id, or null when it is not one. */
export function parseClassId(id: string): { academicYearId: string; grade: number; letter: string } | null {
  const m = CLASS_ID.exec(id);
  if (!m) return null;
  return { academicYearId: academicYearIdOf(Number(m[1])), grade: Number(m[2]), letter: m[3] ?? '' };
}

/** Work type id: a lower-case ASCII slug, e.g. `control`. */
export const workTypeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, { error: 'Код вида работы: строчные латинские буквы, цифры и дефис, 2–32 символа' })
  .meta({ id: 'WorkTypeId', description: 'Work type slug, e.g. control, homework' });

/** Where a lesson sits in the journal; its id is made of these. */
export type LessonCoordinates = {
  /** The class id, or the subgroup id for a subgroup's lesson. */
  groupId: string;
  subjectId: string;
  date: string;
  slot: number;
};

const LESSON_ID = new RegExp(
  `^(c-\\d{4}-(?:0[1-9]|1[01])-[${CLASS_LETTERS}]|${idPrefix.subgroup}-${ULID})\\.(${idPrefix.subject}-${ULID})\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d{1,2})$`,
);

/** `c-2026-05-А.sub-01JC….2026-09-01.3` */
export function lessonIdOf(c: LessonCoordinates): string {
  return `${c.groupId}.${c.subjectId}.${c.date}.${c.slot}`;
}

/** The coordinates in a lesson id, or null when the text is not one (bad date or slot > 12 included). */
export function parseLessonId(id: string): LessonCoordinates | null {
  const m = LESSON_ID.exec(id);
  if (!m) return null;
  const [, groupId = '', subjectId = '', date = '', slotText = ''] = m;
  const slot = Number(slotText);
  const parsedDate = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsedDate.getTime()) || parsedDate.toISOString().slice(0, 10) !== date) return null;
  if (slot > 12 || String(slot) !== slotText) return null;
  return { groupId, subjectId, date, slot };
}

/** Lesson id `<group>.<subject>.<date>.<slot>`, see above. */
const LESSON_ID_ERROR = 'Неверный идентификатор урока: ожидается <класс или подгруппа>.<предмет>.<дата>.<номер урока>';

export const lessonIdSchema = z
  .string()
  .regex(LESSON_ID, { error: LESSON_ID_ERROR, abort: true })
  .refine((v) => parseLessonId(v) !== null, { error: LESSON_ID_ERROR })
  .meta({
    id: 'LessonId',
    description: 'Lesson id `<classId or subgroupId>.<subjectId>.<YYYY-MM-DD>.<slot>`, e.g. c-2026-05-А.sub-<ULID>.2026-09-01.3 (percent-encode in URLs)',
  });

/** A homework file, and the upload that brought it (the same id): `hf-` and a UUID. */
export const homeworkFileIdSchema = z
  .string()
  .regex(/^hf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: 'Неверный идентификатор файла' })
  .meta({ id: 'HomeworkFileId', description: 'A homework file (and its upload): `hf-` + UUID' });
