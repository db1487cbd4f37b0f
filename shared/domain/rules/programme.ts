import type { CurriculumLine } from '../curriculum.ts';
import type { Lesson } from '../lesson.ts';
import { plannedHours, type ThematicPlan } from '../thematic-plan.ts';
import { findWorkType, type WorkType } from '../work-types.ts';
import { violation, type RuleViolation } from './violation.ts';

/**
 * п. 7.4 (a): the thematic plan covers the curriculum: its total hours equal the curriculum
 * line's hours per year. A warning for the quarterly check, null when they match.
 */
export function checkPlanHours(
  plan: Pick<ThematicPlan, 'topics'>,
  line: Pick<CurriculumLine, 'hoursPerYear'>,
): RuleViolation | null {
  const planned = plannedHours(plan);
  if (planned === line.hoursPerYear) return null;
  return violation(
    'п. 7.4',
    'PLAN_HOURS_MISMATCH',
    `В тематическом планировании ${planned} ч, в учебном плане ${line.hoursPerYear} ч`,
    { planned, curriculum: line.hoursPerYear },
  );
}

export type ProgrammeProgress = {
  /** Conducted lessons (one lesson = one hour). */
  conductedLessons: number;
  /** Hours planned up to and including the date (topics with a planned date). */
  plannedLessonsToDate: number;
  /** Conducted lessons with a control work. */
  controlWorks: number;
  /** Conducted lessons with a check work (проверочная, самостоятельная). */
  checkWorks: number;
  /** Conducted lessons without a topic — a п. 5.4 gap. */
  lessonsWithoutTopic: number;
};

/**
 * п. 7.4: programme completion for one class/subgroup and subject up to a date: conducted
 * lessons against the plan, and the control and check works held.
 */
export function programmeProgress(
  plan: Pick<ThematicPlan, 'topics'>,
  lessons: readonly Pick<Lesson, 'date' | 'status' | 'topic' | 'workTypeId'>[],
  workTypes: readonly WorkType[],
  until: string,
): ProgrammeProgress {
  const conducted = lessons.filter((l) => l.status === 'conducted' && l.date <= until);
  const plannedLessonsToDate = plan.topics
    .filter((t) => t.plannedDate !== undefined && t.plannedDate <= until)
    .reduce((sum, t) => sum + t.hours, 0);
  let controlWorks = 0;
  let checkWorks = 0;
  for (const l of conducted) {
    const wt = findWorkType(workTypes, l.workTypeId);
    if (wt?.isControl) controlWorks++;
    else if (wt?.isCheck) checkWorks++;
  }
  return {
    conductedLessons: conducted.length,
    plannedLessonsToDate,
    controlWorks,
    checkWorks,
    lessonsWithoutTopic: conducted.filter((l) => l.topic === undefined || l.topic.trim() === '').length,
  };
}
