/**
 * Who the control checks write to: the staff with their e-mail (contacts) and their roles (from
 * their accounts). The staff register (gsi3 STAFF, ~60 people) and one BatchGetItem of their
 * accounts — never the whole account register.
 */
import type { Role } from '#shared/domain/role.ts';
import { batchGetItems } from '#functions/data/batch-get.ts';
import { keys } from '#functions/data/keys.ts';
import { fullName, getStaff } from '#functions/data/people-repository.ts';

export type StaffMember = { personId: string; name: string; email?: string; roles: Role[] };

export async function staffDirectory(): Promise<StaffMember[]> {
  const staff = await getStaff();
  const withAccount = staff.filter((p) => p.userId);
  const accounts = withAccount.length ? await batchGetItems(withAccount.map((p) => keys.account(p.userId!)), { attributes: ['userId', 'roles', 'status'] }) : [];
  const rolesOf = new Map(accounts.filter((a) => a.status !== 'disabled').map((a) => [String(a.userId), (a.roles ?? []) as Role[]]));
  return staff.map((p) => ({
    personId: p.id,
    name: fullName(p),
    ...(p.contacts?.email ? { email: p.contacts.email } : {}),
    roles: p.userId ? (rolesOf.get(p.userId) ?? []) : [],
  }));
}

/** Addresses of the staff holding a role (those with an e-mail). */
export const addressesOf = (staff: readonly StaffMember[], role: Role) => staff.filter((s) => s.roles.includes(role) && s.email).map((s) => s.email!);
