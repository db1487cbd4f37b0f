import * as z from 'zod';
import { isoDateSchema, rangesOverlap, type IsoDate } from './dates.ts';
import { academicYearIdSchema, academicYearStart } from './ids.ts';

/** A holiday range (каникулы), both ends inclusive. */
export const holidaySchema = z
  .object({
    name: z.string().min(2).max(80),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
  })
  .refine((h) => h.startDate <= h.endDate, { error: 'Каникулы не могут закончиться раньше, чем начались', path: ['endDate'] })
  .meta({ id: 'Holiday', description: 'Holidays (каникулы), inclusive dates' });
export type Holiday = z.infer<typeof holidaySchema>;

/** Academic year without cross-field checks (for deriving request bodies with pick/omit). */
export const academicYearBaseSchema = z.object({
  id: academicYearIdSchema,
  /** First school day, e.g. 2026-09-01. */
  startDate: isoDateSchema,
  /** Last day of the year (the year's final marks fall before it), e.g. 2027-05-31 or 2027-08-31. */
  endDate: isoDateSchema,
  holidays: z.array(holidaySchema).default(() => []),
  /** Single days off inside the year (public holidays, e.g. 2026-11-04). */
  daysOff: z.array(isoDateSchema).default(() => []),
});

/** The academic year (учебный год) with its holidays: the annual calendar schedule (п. 1.2). */
export const academicYearSchema = academicYearBaseSchema
  .superRefine((y, ctx) => {
    const start = academicYearStart(y.id);
    if (Number(y.startDate.slice(0, 4)) !== start) {
      ctx.addIssue({ code: 'custom', path: ['startDate'], message: `Учебный год ${y.id} должен начинаться в ${start} году` });
    }
    if (Number(y.endDate.slice(0, 4)) !== start + 1) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: `Учебный год ${y.id} должен заканчиваться в ${start + 1} году` });
    }
    y.holidays.forEach((h, i) => {
      if (h.startDate < y.startDate || h.endDate > y.endDate) {
        ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `Каникулы «${h.name}» выходят за границы учебного года` });
      }
      y.holidays.forEach((other, j) => {
        if (j > i && rangesOverlap(h.startDate, h.endDate, other.startDate, other.endDate)) {
          ctx.addIssue({ code: 'custom', path: ['holidays', j], message: `Каникулы «${other.name}» пересекаются с «${h.name}»` });
        }
      });
    });
    y.daysOff.forEach((d, i) => {
      if (d < y.startDate || d > y.endDate) {
        ctx.addIssue({ code: 'custom', path: ['daysOff', i], message: 'Выходной день вне учебного года' });
      }
    });
  })
  .meta({ id: 'AcademicYear', description: 'Academic year, e.g. 2026-2027, with holidays and days off' });
export type AcademicYear = z.infer<typeof academicYearSchema>;

/**
 * The academic year a date is most likely in, by the calendar: September–December belong to
 * the year starting then, January–August to the year started the previous September. For
 * defaults only; the stored years decide.
 */
export function academicYearIdForDate(date: IsoDate): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

/**
 * The year a date belongs to for pages and access: the year it falls in; between two years (the
 * summer), the last one that has begun; before any, the earliest.
 */
export function academicYearOn<Y extends Pick<AcademicYear, 'id' | 'startDate' | 'endDate'>>(years: readonly Y[], date: IsoDate): Y | undefined {
  const sorted = [...years].sort((a, b) => a.startDate.localeCompare(b.startDate));
  return sorted.find((y) => y.startDate <= date && date <= y.endDate) ?? sorted.filter((y) => y.startDate <= date).at(-1) ?? sorted[0];
}
