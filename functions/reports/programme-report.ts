/**
 * Programme completion (п. 7.4 a, c): per teacher × class or subgroup × subject, the hours
 * delivered in the period up to its end (or today) against the hours the КТП plans for those
 * dates, and the control works held against those planned. Per journal: AP1 and its plan (AP21).
 */
import type { ProgrammeCompletionReport } from '#shared/api/reports.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { checkPlanHours } from '#shared/domain/rules/programme.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import type { ThematicTopic } from '#shared/domain/thematic-plan.ts';
import { findWorkType } from '#shared/domain/work-types.ts';
import { getPlanTopics } from '#functions/data/journal-repository.ts';
import { stripKeys } from '#functions/data/query.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { asOfDay, journalsOf, loadJournals, loadReportYear, percentOf, periodRef, resolvePeriod, staffNames, type JournalData, type JournalRef, type ReportYear } from './report-data.ts';

export type ProgrammeQuery = { periodId?: string | undefined; classId?: string | undefined; subjectId?: string | undefined; teacherId?: string | undefined };

/** A plan whose planned hours run more than this ahead of the lessons held is flagged as lagging. */
export const LAG_TOLERANCE = 2;

export async function getProgrammeCompletionReport(ctx: AccessContext, q: ProgrammeQuery, log: Logger, now = new Date()): Promise<ProgrammeCompletionReport> {
  const y = await loadReportYear(now, q.periodId);
  const period = resolvePeriod(y, q.periodId);
  enforce(policy.getProgrammeCompletionReport(ctx, { classId: q.classId, teacherId: q.teacherId, from: period.startDate, to: period.endDate }), ctx, log);
  const refs = journalsOf(y, period.startDate, period.endDate, {
    grades: period.grades,
    ...(q.classId ? { classIds: new Set([q.classId]) } : {}),
    ...(q.subjectId ? { subjectId: q.subjectId } : {}),
    ...(q.teacherId ? { teacherId: q.teacherId } : {}),
  });
  const [journals, plans, names] = await Promise.all([loadJournals(refs, period.startDate, period.endDate), loadPlans(refs), staffNames()]);
  return { ...computeProgramme(y, period, journals, plans, names), generatedAt: now.toISOString() };
}

/** Each journal's КТП topics (AP21), 16 side by side. */
export async function loadPlans(refs: readonly JournalRef[]): Promise<Map<string, ThematicTopic[]>> {
  const out = new Map<string, ThematicTopic[]>();
  for (let i = 0; i < refs.length; i += 16) {
    await Promise.all(
      refs.slice(i, i + 16).map(async (r) => out.set(`${r.groupId}#${r.subjectId}`, (await getPlanTopics(r.groupId, r.subjectId)).map((t) => stripKeys<ThematicTopic>(t)))),
    );
  }
  return out;
}

export function computeProgramme(
  y: ReportYear,
  period: StudyPeriod,
  journals: readonly JournalData[],
  plans: Map<string, ThematicTopic[]>,
  names: Map<string, string>,
): Omit<ProgrammeCompletionReport, 'generatedAt'> {
  const asOf = asOfDay(period, y.today);
  const isControl = (id: string | undefined) => findWorkType(y.workTypes, id)?.isControl === true;
  const rows = journals.map(({ ref, page }) => {
    const topics = [...(plans.get(`${ref.groupId}#${ref.subjectId}`) ?? [])].sort((a, b) => a.number - b.number);
    const planned = plannedSlots(topics, page.lessons.map((l) => l.date).sort(), period.startDate, asOf);
    const held = page.lessons.filter((l) => l.status === 'conducted' && l.date <= asOf);
    const plannedHours = planned.hours;
    const inWindow = planned.topics;
    const covered = new Set(held.map((l) => l.thematicTopicId).filter((id): id is string => id !== undefined));
    const line = y.structure.curriculum.find((c) => c.grade === ref.grade && c.subjectId === ref.subjectId);
    const mismatch = line && topics.length > 0 ? checkPlanHours({ topics }, line) : null;
    return {
      teacherId: ref.teacherId,
      teacherName: names.get(ref.teacherId) ?? ref.teacherId,
      groupId: ref.groupId,
      classId: ref.classId,
      groupName: ref.groupName,
      subjectId: ref.subjectId,
      subjectName: ref.subjectName,
      hoursPerYear: line?.hoursPerYear ?? null,
      plannedHours,
      deliveredHours: held.length,
      completion: percentOf(held.length, plannedHours),
      lag: plannedHours - held.length,
      plannedTopics: inWindow.length,
      coveredTopics: inWindow.filter((t) => covered.has(t.id)).length,
      controlPlanned: inWindow.filter((t) => isControl(t.workTypeId)).length,
      controlHeld: held.filter((l) => isControl(l.workTypeId)).length,
      ...(topics.length === 0 ? { planMismatch: 'Нет тематического планирования' } : mismatch ? { planMismatch: mismatch.message } : {}),
    };
  });
  return { period: periodRef(period), asOf, rows };
}

/**
 * The КТП's hours placed on the journal's timetable slots (its lessons of any status, one hour
 * each): a topic takes the slots from its planned date until the next topic's, at most its hours.
 * What falls on or before `asOf` is planned by now; a topic begun before the period keeps only
 * the slots left in it. Lessons cancelled or not yet filled are then the lag.
 */
export function plannedSlots(topics: readonly ThematicTopic[], slotDates: readonly string[], from: string, asOf: string): { hours: number; topics: ThematicTopic[] } {
  let hours = 0;
  const begun: ThematicTopic[] = [];
  topics.forEach((t, i) => {
    if (t.plannedDate === undefined || t.plannedDate > asOf) return;
    const next = topics.slice(i + 1).find((n) => n.plannedDate !== undefined)?.plannedDate ?? '9999-12-31';
    if (next <= from) return;
    const own = slotDates.filter((d) => d >= t.plannedDate! && d < next && d >= from).slice(0, t.hours);
    const now = own.filter((d) => d <= asOf).length;
    if (now > 0) begun.push(t);
    hours += now;
  });
  return { hours, topics: begun };
}
