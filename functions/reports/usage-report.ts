/**
 * Diary usage by parents and students (п. 5.10): per class, who has an account, their last
 * sign-in, who was active in the last 7 and 30 days and who never signed in. Per class AP30 (the
 * class partition and two BatchGetItem), classes side by side.
 */
import type { UsageReport } from '#shared/api/reports.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { signedInWithin } from '#shared/domain/rules/sign-in-activity.ts';
import { fullName } from '#functions/data/people-repository.ts';
import { getClassUsage, type ClassUsage, type PersonUsage } from '#functions/data/usage-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { NotFoundError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolTimeZone } from '#functions/lib/school-clock.ts';
import { byClass, loadReportYear } from './report-data.ts';

export async function getUsageReport(ctx: AccessContext, q: { classId?: string | undefined }, log: Logger, now = new Date()): Promise<UsageReport> {
  const y = await loadReportYear(now);
  enforce(policy.getUsageReport(ctx, { classId: q.classId, from: y.today, to: y.today }), ctx, log);
  const classes = q.classId ? y.structure.classes.filter((c) => c.id === q.classId) : [...y.structure.classes].sort(byClass);
  if (classes.length === 0) throw new NotFoundError('Такого класса нет.');
  const tz = schoolTimeZone();
  const usage: ClassUsage[] = [];
  for (let i = 0; i < classes.length; i += 8) usage.push(...(await Promise.all(classes.slice(i, i + 8).map((c) => getClassUsage(c.id, y.today)))));
  const person = (p: PersonUsage, kind: 'student' | 'parent', childNames?: string[]) => ({
    personId: p.personId,
    name: fullName(p),
    kind,
    ...(childNames ? { childNames } : {}),
    hasAccount: p.hasAccount,
    ...(p.account?.status === 'disabled' ? { accountDisabled: true } : {}),
    ...(p.account?.lastSignInAt ? { lastSignInAt: p.account.lastSignInAt } : {}),
    activeIn7Days: signedInWithin(p.account?.lastSignInAt, 7, y.today, tz),
    activeIn30Days: signedInWithin(p.account?.lastSignInAt, 30, y.today, tz),
  });
  const counts = (people: ReturnType<typeof person>[]) => ({
    people: people.length,
    withAccount: people.filter((p) => p.hasAccount).length,
    active7: people.filter((p) => p.activeIn7Days).length,
    active30: people.filter((p) => p.activeIn30Days).length,
    neverSignedIn: people.filter((p) => p.hasAccount && !p.lastSignInAt).length,
  });
  return {
    asOf: y.today,
    classes: classes.map((c, i) => {
      const u = usage[i]!;
      const students = u.students.map((s) => person(s, 'student'));
      const parents = u.parents.map((p) => person(p, 'parent', p.children.map((ch) => fullName(ch))));
      return {
        classId: c.id,
        className: c.name,
        students: counts(students),
        parents: counts(parents),
        ...(q.classId ? { people: [...students, ...parents] } : {}),
      };
    }),
    generatedAt: now.toISOString(),
  };
}
