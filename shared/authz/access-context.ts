import type { Role } from '#shared/api/identity.ts';

/**
 * Who is asking and how they relate to the school's records. Roles come from the token's
 * groups; every relationship is read from the database, never taken from the request.
 */
export type AccessContext = {
  userId: string;
  personId: string;
  /** Full name, for pages that show it (not used for decisions). */
  name: string;
  roles: readonly Role[];
  /** Subject teacher: the class or subgroup × subject pairs assigned this year (п. 5.5). */
  teaches: readonly { classId: string; groupId: string; subjectId: string }[];
  /** Class teacher (классный руководитель) of these classes. */
  classTeacherOf: readonly string[];
  /** Parent: their children, with class and subgroups. */
  children: readonly { studentId: string; name: string; classId: string; subgroupIds: readonly string[] }[];
  /** Student: their own class and subgroups. */
  enrollment?: { classId: string; subgroupIds: readonly string[] };
};
