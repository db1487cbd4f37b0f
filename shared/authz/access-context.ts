import type { IsoDate } from '#shared/domain/dates.ts';
import type { Role } from '#shared/domain/role.ts';

/** Who is calling, as the identity provider vouched for it (the token's claims). */
export type Principal = {
  userId: string;
  login: string;
  roles: Role[];
  /** Epoch seconds of the sign-in that started this session (`auth_time`, kept across refreshes). */
  authTime: number;
};

/** A relationship that holds between two dates (either open): an assignment, an appointment. */
export type Dated = { from?: IsoDate | undefined; to?: IsoDate | undefined };

/** A teaching assignment as the policy needs it: class or subgroup × subject, and when (п. 5.5). */
export type Teaching = Dated & { classId: string; subgroupId?: string | undefined; groupId: string; subjectId: string };

/** A class-teacher appointment (классный руководитель); a class may change hands during the year. */
export type ClassLeadership = Dated & { classId: string };

/**
 * Who is asking and how they relate to the school's records. Roles come from the token's
 * groups; every relationship is read from the database, never taken from the request. Built
 * once per request (functions/identity/access-context.ts) and handed to the service.
 */
export type AccessContext = {
  userId: string;
  personId: string;
  /** Full name, for pages that show it (not used for decisions). */
  name: string;
  roles: readonly Role[];
  /** The school's date when the context was built: relationships "now" are those in force on it. */
  today: IsoDate;
  /** Subject teacher: the year's assignments, each with its dates (a teacher replaced mid-year keeps only their own dates). */
  teaches: readonly Teaching[];
  /** Class teacher (классный руководитель): appointments of the year, with their dates. */
  classTeacherOf: readonly ClassLeadership[];
  /** Parent: their children, with class and subgroups, and whether the parent is their legal representative (152-ФЗ). */
  children: readonly { studentId: string; name: string; classId: string; subgroupIds: readonly string[]; legalRepresentative: boolean }[];
  /** Student: their own class and subgroups. */
  enrollment?: { classId: string; subgroupIds: readonly string[] };
};

/** Is a dated relationship in force on `date`? */
export const inForceOn = (r: Dated, date: IsoDate): boolean => (r.from === undefined || r.from <= date) && (r.to === undefined || date <= r.to);

/** Does a dated relationship overlap [from, to]? */
export const overlaps = (r: Dated, from: IsoDate, to: IsoDate): boolean => (r.from === undefined || r.from <= to) && (r.to === undefined || from <= r.to);
