import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import type { ThematicTopic } from '#shared/domain/thematic-plan.ts';
import { getPlanTopics } from '#functions/data/journal-repository.ts';
import { stripKeys } from '#functions/data/query.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { currentAcademicYear, schoolToday } from '#functions/lib/school-clock.ts';
import { resolveJournalScope } from './journal-scope.ts';

/** A journal's КТП: its topics in order (one Query), for the lesson editor's choice of topic. Empty when there is none. */
export async function thematicPlanOf(ctx: AccessContext, ref: { groupId: string; subjectId: string }, log: Logger) {
  const scope = await resolveJournalScope(ref.groupId, ref.subjectId);
  const year = scope.reference.years.find((y) => y.id === scope.structure.academicYearId) ?? currentAcademicYear(scope.reference.years, schoolToday());
  enforce(
    policy.getThematicPlan(ctx, {
      classId: scope.schoolClass.id,
      groupId: ref.groupId,
      subjectId: ref.subjectId,
      from: year?.startDate ?? '0000-01-01',
      to: year?.endDate ?? '9999-12-31',
    }),
    ctx,
    log,
  );
  const items = await getPlanTopics(ref.groupId, ref.subjectId);
  const title = items[0]?.planTitle;
  return {
    ...(typeof title === 'string' ? { title } : {}),
    topics: items.map((i) => {
      const t = stripKeys<ThematicTopic & Record<string, unknown>>(i);
      return {
        id: t.id,
        number: t.number,
        ...(t.section ? { section: t.section } : {}),
        title: t.title,
        hours: t.hours,
        ...(t.workTypeId ? { workTypeId: t.workTypeId } : {}),
        ...(t.workTopic ? { workTopic: t.workTopic } : {}),
        ...(t.plannedDate ? { plannedDate: t.plannedDate } : {}),
      };
    }),
  };
}
