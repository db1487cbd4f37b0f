import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { orderChildren } from '#shared/domain/children-order.ts';
import { parseClassId } from '#shared/domain/ids.ts';
import { getYearStructure } from '#functions/data/school-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';

/**
 * A parent's children: they come with the caller's access context (their person partition); class
 * names from the cached year structure. In the one order of children (by grade, then name) that
 * every page keeps.
 */
export async function listChildrenOf(ctx: AccessContext, log: Logger) {
  enforce(policy.listMyChildren(ctx), ctx, log);
  const children = await Promise.all(
    orderChildren(ctx.children).map(async (c) => {
      const year = parseClassId(c.classId)?.academicYearId;
      const structure = year ? await getYearStructure(year) : undefined;
      return { studentId: c.studentId, name: c.name, classId: c.classId, className: structure?.classes.find((k) => k.id === c.classId)?.name ?? '' };
    }),
  );
  return { children };
}
