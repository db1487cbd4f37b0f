import * as z from 'zod';

/**
 * A school's deployment parameters: one SchoolStack per school in AWS, one set locally.
 * Validated with zod wherever they enter (CDK context or config file, local start).
 */
export const schoolConfigSchema = z.object({
  /** Lower-case id used in stack and resource names, e.g. `balashov-7`. */
  schoolId: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, 'schoolId: lower-case letters, digits and hyphens, 3–32 characters'),
  schoolName: z.string().min(3).max(200),
  /** IANA time zone, e.g. Europe/Saratov; schedules and deadlines run in it. */
  timeZone: z.string().refine(isIanaTimeZone, 'timeZone must be an IANA time zone such as Europe/Moscow'),
  directorEmail: z.email(),
  /** The verified SES sender address for mail from the system. */
  mailFrom: z.email(),
});

export type SchoolConfig = z.infer<typeof schoolConfigSchema>;

function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}
