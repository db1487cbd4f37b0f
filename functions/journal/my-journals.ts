import type { z } from 'zod';
import type { listMyJournals } from '#shared/api/journal.ts';
import { inForceOn, type AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { addDays } from '#shared/domain/dates.ts';
import { getTeacherLessons } from '#functions/data/journal-repository.ts';
import { getSchoolReference, getYearStructure } from '#functions/data/school-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { currentAcademicYear } from '#functions/lib/school-clock.ts';

type MyJournals = z.input<(typeof listMyJournals)['response']>;

/** The substitutions listed: two weeks back (to keep the journal within its deadline, п. 5.2) to a week ahead. */
const SUBSTITUTIONS_BACK_DAYS = 14;
const SUBSTITUTIONS_AHEAD_DAYS = 7;
const ORDER = { teaches: 0, 'class-teacher': 1, oversees: 2 } as const;

/**
 * The journals the caller may open today — from the cached year structure, filtered by the same
 * rule as getClassJournal — and, for a teacher, the lessons they substitute (п. 5.3), from their
 * own lessons by date (one Query of gsi2; a substituted lesson is filed under its substitute).
 */
export async function listMyJournalsFor(ctx: AccessContext, log: Logger): Promise<MyJournals> {
  enforce(policy.listMyJournals(ctx), ctx, log);
  const reference = await getSchoolReference();
  const year = currentAcademicYear(reference.years, ctx.today);
  if (!year) return { journals: [], substitutions: [] };
  const from = addDays(ctx.today, -SUBSTITUTIONS_BACK_DAYS);
  const to = addDays(ctx.today, SUBSTITUTIONS_AHEAD_DAYS);
  const [structure, ownLessons] = await Promise.all([
    getYearStructure(year.id),
    ctx.roles.includes('teacher') ? getTeacherLessons(ctx.personId, from, to) : Promise.resolve([]),
  ]);
  const classes = new Map(structure.classes.map((c) => [c.id, c]));
  const subgroups = new Map(structure.subgroups.map((s) => [s.id, s]));
  const subjects = new Map(reference.subjects.map((s) => [s.id, s]));
  const today = { from: ctx.today, to: ctx.today };
  const seen = new Set<string>();
  const journals = structure.assignments.flatMap((a) => {
    const groupId = a.subgroupId ?? a.classId;
    const schoolClass = classes.get(a.classId);
    const key = `${groupId}|${a.subjectId}`;
    if (!schoolClass || seen.has(key)) return [];
    if (!policy.getClassJournal(ctx, { classId: a.classId, groupId, subjectId: a.subjectId, ...today }).allowed) return [];
    seen.add(key);
    const relation = ctx.teaches.some((t) => t.groupId === groupId && t.subjectId === a.subjectId && inForceOn(t, ctx.today))
      ? ('teaches' as const)
      : ctx.classTeacherOf.some((c) => c.classId === a.classId && inForceOn(c, ctx.today))
        ? ('class-teacher' as const)
        : ('oversees' as const);
    return [
      {
        groupId,
        groupName: subgroups.get(groupId)?.name ?? schoolClass.name,
        classId: a.classId,
        className: schoolClass.name,
        grade: schoolClass.grade,
        subjectId: a.subjectId,
        subjectName: subjects.get(a.subjectId)?.name ?? '',
        relation,
      },
    ];
  });
  journals.sort(
    (x, y) =>
      ORDER[x.relation] - ORDER[y.relation] ||
      x.grade - y.grade ||
      x.className.localeCompare(y.className, 'ru') ||
      x.subjectName.localeCompare(y.subjectName, 'ru') ||
      x.groupName.localeCompare(y.groupName, 'ru'),
  );
  const substitutions = ownLessons
    .filter((l) => l.substituteTeacherId === ctx.personId)
    .map((l) => ({
      lessonId: l.id,
      date: l.date,
      slot: l.slot,
      classId: l.classId,
      groupName: (l.subgroupId ? subgroups.get(l.subgroupId)?.name : undefined) ?? classes.get(l.classId)?.name ?? '',
      subjectName: subjects.get(l.subjectId)?.name ?? '',
      status: l.status,
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
  return { journals, substitutions };
}
