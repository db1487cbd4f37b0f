import { z } from 'zod';

/**
 * How a school uses the journal: the assumptions the cost model (infra/cost) multiplies by the
 * measured per-request figures. A school file may set any of them under `"usage"`; the rest
 * take these defaults. docs/cost.md gives the reasoning of each default; the ones that move the
 * bill most are the people (students, parents, staff and their active shares), because Cognito
 * bills every monthly active user.
 *
 * "Per day" means per school day and per *active* user (one who signs in at least once that
 * month); a parent who looks every other day has 0.5 sign-ins a day.
 */
const share = () => z.number().min(0).max(1);
const perDay = (max: number) => z.number().min(0).max(max);

export const usageSchema = z
  .object({
    students: z.number().int().min(1).max(20_000).default(1_000),
    /** Parents with an account, per student (distinct people: siblings share parents). The demo school has ~1.3; many families register both parents. */
    parentsPerStudent: z.number().min(0).max(4).default(1.5),
    /** Staff with an account (teachers, administration). Absent: students ÷ 12.5, rounded — Russian schools have ~12–13 pupils per teacher (1,000 → 80). */
    staff: z.number().int().min(1).max(2_000).optional(),

    /** Share of students who sign in during a school month: grades 1–4 (~40 % of pupils) rarely do, older pupils check homework. */
    studentActiveShare: share().default(0.6),
    /** Share of parents who sign in during a school month: the diary is why families register. */
    parentActiveShare: share().default(0.85),
    /** Share of staff who sign in during a school month: teachers keep the journal daily (п. 5.2). */
    staffActiveShare: share().default(1),
    /** Usage in each of the other months (June–August) as a share of a school month: final marks, exams, the new year's set-up. */
    offSeasonShare: share().default(0.1),

    /** School days a year: 34 weeks × 5 days (the demo calendar has 165; a 6-day week has ~200). */
    schoolDaysPerYear: z.number().int().min(1).max(250).default(170),
    /** Months with school: September–May and half of June (exams, final marks). */
    activeMonths: z.number().min(1).max(12).default(9.5),

    /** Password sign-ins per active user and school day (the refresh token lasts 12 hours: a sign-in per day of use). */
    studentSignInsPerDay: perDay(10).default(0.4),
    parentSignInsPerDay: perDay(10).default(0.6),
    staffSignInsPerDay: perDay(10).default(1.5),
    /** Token refreshes per sign-in: the access token lasts 15 minutes, a session ~30–45 minutes. Each is a Cognito call the WAF inspects. */
    refreshesPerSignIn: perDay(100).default(2),
    /** Pages (a diary week, all marks of a period; for staff a class journal) per active user and school day. Teachers open the journal of each of their ~5 lessons. */
    studentPagesPerDay: perDay(100).default(0.8),
    parentPagesPerDay: perDay(100).default(1.8),
    staffPagesPerDay: perDay(100).default(6),
    /** Further API calls a page makes besides its data (the bell's count, the caller, the children list): small requests. */
    extraRequestsPerPage: perDay(20).default(1),
    /** Reports and exports the administration runs a school month (each priced as a whole-school quarter report: an upper bound). */
    reportsPerMonth: z.number().min(0).max(10_000).default(20),

    /** Saves per lesson held: the marks, the attendance, the lesson's entry (topic, homework). */
    markSavesPerLesson: perDay(10).default(1),
    attendanceSavesPerLesson: perDay(10).default(1),
    entrySavesPerLesson: perDay(10).default(1),
    /** Homework files attached per lesson (docs/deploy.md: ~100 a day for ~1,000 pupils), their size and downloads. */
    homeworkFilesPerLesson: perDay(10).default(0.5),
    homeworkFileMb: z.number().min(0).max(10).default(1),
    downloadsPerFile: z.number().min(0).max(1_000).default(20),

    /** E-mails per active parent and school day (the evening digest or instant notices; the demo's digest day sent one to each parent). */
    mailsPerParentPerDay: perDay(10).default(0.7),

    /** Site files per sign-in (index.html and config.json revalidated, the favicon) and KB sent: assets are cached between releases. */
    siteRequestsPerSignIn: perDay(100).default(4),
    siteKbPerSignIn: z.number().min(0).max(10_000).default(30),

    /** Share of API requests that start a new Lambda instance (cold start, its init billed since August 2025). */
    coldStartShare: share().default(0.02),
    /** School years of data the table holds (storage, PITR, backups): it keeps every year. */
    dataYears: z.number().min(0.1).max(20).default(1),
    /** Study periods with a справка and a final-marks check a year: 4 quarters, the half-years of grades 10–11 share their dates, and the year. */
    periodsPerYear: z.number().int().min(0).max(20).default(6),
  })
  .strict();

export type Usage = z.infer<typeof usageSchema>;

/** Usage with everything settled (the staff default taken from the students). */
export type ResolvedUsage = Omit<Usage, 'staff'> & { staff: number };

/** Pupils per member of staff when the school does not say (see `staff`). */
export const STUDENTS_PER_STAFF = 12.5;

export function resolveUsage(usage: Usage): ResolvedUsage {
  return { ...usage, staff: usage.staff ?? Math.max(1, Math.round(usage.students / STUDENTS_PER_STAFF)) };
}

/** The usage fields, for the CLI's `--set key=value` and its messages. */
export const USAGE_KEYS = Object.keys(usageSchema.shape) as (keyof Usage)[];
