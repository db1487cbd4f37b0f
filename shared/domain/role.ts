import * as z from 'zod';

/**
 * A person's role in the school (п. 1.6, 4–6). In AWS each is a Cognito group; one person may
 * hold several (a teacher who is also the coordinator).
 */
export const roleSchema = z
  .enum(['director', 'coordinator', 'operator', 'teacher', 'student', 'parent'])
  .meta({ id: 'Role', description: 'A Cognito group; one person may hold several' });
export type Role = z.infer<typeof roleSchema>;

/** The roles of school staff; the operator issues their invitation codes (п. 3.1). */
export const STAFF_ROLES = ['director', 'coordinator', 'operator', 'teacher'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (role: Role): role is StaffRole => (STAFF_ROLES as readonly Role[]).includes(role);
