import { randomBytes } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { INVITE_CODE_DEFAULT_DAYS } from '#shared/config/access-settings.ts';
import { newId } from '#shared/domain/ids.ts';
import { invitationCodeFromBytes, invitationCodeSchema } from '#shared/domain/invitation-code.ts';
import { personSchema } from '#shared/domain/person.ts';
import { listAccounts } from '#functions/data/account-repository.ts';
import { inviteItems, liveCodeItem, STAFF_SCOPE, type StoredInvite } from '#functions/data/invitation-repository.ts';
import { fullName, personItem } from '#functions/data/people-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { hashCode } from './invite-codes.ts';

export type FirstOperator = { lastName: string; firstName: string; middleName?: string; position?: string };

/**
 * A new school's first operator: a staff person and an invitation code for the `operator` role,
 * in the staff register. They redeem it like everyone else (consent, own login and password),
 * so no password is ever printed and the consent is theirs. Needs only the table: works the same
 * against the local stack and a deployed one. Refuses while an active operator account exists
 * unless forced (an operator who left is replaced by the remaining one's code).
 */
export async function issueFirstOperatorCode(input: FirstOperator, options: { force?: boolean; now?: Date } = {}): Promise<{ code: string; expiresAt: string; personId: string }> {
  const now = options.now ?? new Date();
  if (!options.force) {
    let cursor: string | undefined;
    do {
      const page = await listAccounts({ limit: 500, ...(cursor ? { cursor } : {}) });
      if (page.accounts.some((a) => a.status === 'active' && a.roles.includes('operator'))) {
        throw new Error('В школе уже есть действующий оператор: коды сотрудникам выдаёт он. Повторите с --force, если это действительно нужно.');
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  const person = personSchema.parse({
    id: newId('person', now.getTime(), randomBytes(10)),
    kind: 'staff',
    lastName: input.lastName,
    firstName: input.firstName,
    ...(input.middleName ? { middleName: input.middleName } : {}),
    position: input.position ?? 'школьный оператор',
    contacts: {},
  });
  const code = invitationCodeFromBytes(randomBytes(8));
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + INVITE_CODE_DEFAULT_DAYS * 86_400_000).toISOString();
  const invite: StoredInvite = {
    ...invitationCodeSchema.parse({
      id: newId('invitationCode', now.getTime(), randomBytes(10)),
      codeHash: hashCode(code),
      roles: ['operator'],
      scopeKey: STAFF_SCOPE,
      personId: person.id,
      // Nobody is signed in yet: the register records the person as issued to themselves by the set-up command.
      issuedBy: person.id,
      issuedAt: at,
      expiresAt,
    }),
    personName: fullName(person),
    issuedByName: 'первоначальная настройка (npm run bootstrap-operator)',
    note: person.position,
  };
  // The person and the code's items together: all or nothing.
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [personItem(person), liveCodeItem(person.id, invite.id), ...inviteItems(invite)].map((Item) => ({
        Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' },
      })),
    }),
  );
  return { code, expiresAt, personId: person.id };
}
