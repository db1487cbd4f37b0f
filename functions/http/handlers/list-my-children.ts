import { listMyChildren } from '#shared/api/journal.ts';
import { policy } from '#shared/authz/policy.ts';
import { parseClassId } from '#shared/domain/ids.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { getYearStructure } from '#functions/data/school-repository.ts';
import { enforce } from '../lib/authorize.ts';
import { httpHandler } from '../lib/http-handler.ts';

/** The children come with the caller's access context (their person partition): no further read. */
export const listMyChildrenHandler = httpHandler(listMyChildren, async ({ principal, account, log }) => {
  const ctx = await loadAccessContext(principal, account);
  enforce(policy.listMyChildren(ctx), ctx, log);
  const children = await Promise.all(
    ctx.children.map(async (c) => {
      const year = parseClassId(c.classId)?.academicYearId;
      const structure = year ? await getYearStructure(year) : undefined;
      return { studentId: c.studentId, name: c.name, classId: c.classId, className: structure?.classes.find((k) => k.id === c.classId)?.name ?? '' };
    }),
  );
  return { children };
});
