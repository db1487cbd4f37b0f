import { listMyJournals } from '#shared/api/journal.ts';
import { policy } from '#shared/authz/policy.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { getSchoolReference, getYearStructure, yearOn } from '#functions/data/school-repository.ts';
import { schoolToday } from '#functions/journal/school-clock.ts';
import { enforce } from '../lib/authorize.ts';
import { httpHandler } from '../lib/http-handler.ts';

/** From the cached year structure: no query. Every journal listed passes getClassJournal's rule. */
export const listMyJournalsHandler = httpHandler(listMyJournals, async ({ principal, account, log }) => {
  const ctx = await loadAccessContext(principal, account);
  enforce(policy.listMyJournals(ctx), ctx, log);
  const reference = await getSchoolReference();
  const year = yearOn(reference, schoolToday()) ?? reference.years.at(-1);
  if (!year) return { journals: [] };
  const structure = await getYearStructure(year.id);
  const classes = new Map(structure.classes.map((c) => [c.id, c]));
  const subgroups = new Map(structure.subgroups.map((s) => [s.id, s]));
  const subjects = new Map(reference.subjects.map((s) => [s.id, s]));
  const journals = structure.assignments.flatMap((a) => {
    const groupId = a.subgroupId ?? a.classId;
    const decision = policy.getClassJournal(ctx, { classId: a.classId, groupId, subjectId: a.subjectId });
    const schoolClass = classes.get(a.classId);
    if (!decision.allowed || !schoolClass) return [];
    const relation = ctx.teaches.some((t) => t.groupId === groupId && t.subjectId === a.subjectId)
      ? ('teaches' as const)
      : ctx.classTeacherOf.includes(a.classId)
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
  const order = { teaches: 0, 'class-teacher': 1, oversees: 2 };
  journals.sort(
    (x, y) => order[x.relation] - order[y.relation] || x.grade - y.grade || x.className.localeCompare(y.className, 'ru') || x.subjectName.localeCompare(y.subjectName, 'ru') || x.groupName.localeCompare(y.groupName, 'ru'),
  );
  return { journals };
});
