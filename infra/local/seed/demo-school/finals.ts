/**
 * Final marks for the study periods that ended before today (п. 6.1): for grades 2–9 the first
 * quarter by 2026-11-29. Each follows the student's current marks of the period — the weighted
 * average's suggestion (teachers now and then round a borderline average up) — with ЗЧ for
 * credit subjects, ОСВ for students exempt from physical education, «н/а» when there are too
 * few marks (п. 6.2), and never a failing PE mark for a special medical group (п. 6.2).
 */
import { addDays, type IsoDate } from '#shared/domain/dates.ts';
import type { FinalMark, FinalMarkValue } from '#shared/domain/final-mark.ts';
import { roundAverage, suggestPeriodMark, weightedAverage } from '#shared/domain/rules/average.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import { defaultWorkTypes } from '#shared/domain/work-types.ts';
import { CURRICULUM, subjectDef } from './curriculum.ts';
import type { MarkForFinal } from './lessons.ts';
import type { ClassInfo, Journal } from './model.ts';
import type { Random } from './random.ts';

export function buildFinalMarks(
  rng: Random,
  today: IsoDate,
  periods: StudyPeriod[],
  classes: ClassInfo[],
  journals: Journal[],
  marksForFinals: Map<string, MarkForFinal[]>,
  atMs: (date: IsoDate, minutes: number) => number,
): FinalMark[] {
  const out: FinalMark[] = [];
  for (const period of periods.filter((p) => p.kind !== 'year' && addDays(p.endDate, 1) < today)) {
    for (const info of classes.filter((c) => c.grade >= 2 && period.grades.includes(c.grade))) {
      const r = rng.fork(`finals:${period.id}:${info.cls.id}`);
      for (const [subject] of CURRICULUM[info.grade]!) {
        const def = subjectDef(subject);
        for (const s of info.students) {
          const e = s.enrollment;
          if (e.from > period.endDate || (e.to !== undefined && e.to <= period.endDate)) continue;
          const group = s.subgroupBySubject[subject];
          const journal = journals.find((j) => j.classId === info.cls.id && j.subject === subject && (group ? j.subgroupId === group : !j.subgroupId))!;
          const teacherId = journal.teacherId;
          const marks = (marksForFinals.get(`${s.person.id}|${subject}`) ?? []).filter((m) => m.date >= period.startDate && m.date <= period.endDate);
          let value: FinalMarkValue;
          if (subject === 'pe' && s.person.healthGroup === 'exempt') value = 'ОСВ';
          else if (def.grading === 'credit') {
            const fails = marks.filter((m) => m.values.includes('НЗ')).length;
            value = marks.length === 0 ? 'н/а' : fails > marks.length / 2 ? 'НЗ' : 'ЗЧ';
          } else {
            const numeric = marks.filter((m) => m.values.some((v) => /^[1-5]$/.test(v)));
            const average = weightedAverage(numeric, defaultWorkTypes);
            if (average === null || numeric.length < 2) value = 'н/а';
            else {
              let suggested = Number(suggestPeriodMark(average));
              const fraction = roundAverage(average) - Math.floor(roundAverage(average));
              if (fraction >= 0.4 && fraction < 0.5 && r.chance(0.3)) suggested = Math.min(5, suggested + 1);
              // A quarter «1» is practically never given, and a borderline «2» usually becomes «3».
              if (suggested === 1) suggested = 2;
              if (suggested === 2 && roundAverage(average) >= 2.3 && r.chance(0.85)) suggested = 3;
              if (subject === 'pe' && s.person.healthGroup) suggested = Math.max(3, suggested);
              value = String(suggested) as FinalMarkValue;
            }
          }
          const sameDay = r.chance(0.6);
          const setAt = atMs(sameDay ? period.endDate : addDays(period.endDate, 1), sameDay ? r.int(14 * 60, 20 * 60) : r.int(9 * 60, 21 * 60));
          out.push({
            studentId: s.person.id,
            subjectId: journals.find((j) => j.classId === info.cls.id && j.subject === subject)!.subjectId,
            studyPeriodId: period.id,
            classId: info.cls.id,
            groupId: journal.subgroupId ?? info.cls.id,
            value,
            version: 1,
            setBy: teacherId,
            setAt: new Date(setAt).toISOString(),
          });
        }
      }
    }
  }
  return out;
}
