import * as z from 'zod';
import { isoDateSchema } from './dates.ts';
import { academicYearIdSchema, studyPeriodIdSchema } from './ids.ts';
import { gradeSchema } from './school-class.ts';
import { studyPeriodIdOf, studyPeriodKindInfo, studyPeriodKinds } from './study-period-ids.ts';

export { studyPeriodIdOf, studyPeriodKindInfo, studyPeriodKinds, studyPeriodName, type StudyPeriodKind } from './study-period-ids.ts';

/** Четверть, триместр, полугодие, год. */
export const studyPeriodKindSchema = z
  .enum(studyPeriodKinds, { error: 'Вид учебного периода: quarter, trimester, half-year или year' })
  .meta({ id: 'StudyPeriodKind', description: 'quarter | trimester | half-year | year' });

/** Study period without cross-field checks (for deriving request bodies with pick/omit). */
export const studyPeriodBaseSchema = z.object({
  id: studyPeriodIdSchema,
  academicYearId: academicYearIdSchema,
  kind: studyPeriodKindSchema,
  /** 1-based within the kind (1–4 quarters, 1–3 trimesters, 1–2 half-years, 1 the year). */
  number: z.number().int().min(1).max(4),
  /** «1 четверть». */
  name: z.string().min(2).max(40),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  /** The grade levels that use this period, e.g. 1–9 for quarters, 10–11 for half-years. */
  grades: z.array(gradeSchema).min(1, { error: 'Укажите хотя бы одну параллель' }),
});

/**
 * A study period (учебный период) with the grade levels that use it: final marks are set per
 * period (п. 6.1), the quarterly check runs at its end (п. 7.4).
 */
export const studyPeriodSchema = studyPeriodBaseSchema
  .superRefine((p, ctx) => {
    const { count } = studyPeriodKindInfo[p.kind];
    if (p.number > count) {
      ctx.addIssue({ code: 'custom', path: ['number'], message: `Номер периода для вида «${studyPeriodKindInfo[p.kind].label}» — от 1 до ${count}` });
    } else if (p.id !== studyPeriodIdOf(p.academicYearId, p.kind, p.number)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `Идентификатор периода должен быть ${studyPeriodIdOf(p.academicYearId, p.kind, p.number)}` });
    }
    if (p.startDate > p.endDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Период не может закончиться раньше, чем начался' });
    }
    if (new Set(p.grades).size !== p.grades.length) {
      ctx.addIssue({ code: 'custom', path: ['grades'], message: 'Параллели не должны повторяться' });
    }
  })
  .meta({ id: 'StudyPeriod', description: 'Quarter, trimester, half-year or year, with the grade levels using it' });
export type StudyPeriod = z.infer<typeof studyPeriodSchema>;
