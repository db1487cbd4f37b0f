import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import type { Contacts } from '#shared/domain/person.ts';
import { commitAudited } from '#functions/data/audited-transaction.ts';
import { keys } from '#functions/data/keys.ts';
import { fullName, getPersonWithRelations } from '#functions/data/people-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { ConflictError, NotFoundError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';

type Change = { personId: string; clientRequestId: string; contacts: Contacts; contactsVersion: number };

/**
 * п. 6/4.1: the class teacher keeps students' and parents' contact details current. The person's
 * classes come from their own partition (a student's enrollments, a parent's children): one Query.
 * The write is conditional on the version the editor saw, audited, and idempotent under retry.
 */
export async function updatePersonContacts(ctx: AccessContext, change: Change, log: Logger) {
  const { person, enrollments, children } = await getPersonWithRelations(change.personId);
  if (!person) throw new NotFoundError('Такого человека нет.');
  const classIds = person.kind === 'student' ? enrollments.filter((e) => !e.to).map((e) => e.classId) : children.map((c) => c.classId);
  enforce(policy.updatePersonContacts(ctx, { personId: person.id, kind: person.kind, classIds }), ctx, log);
  const current = person.contactsVersion ?? 0;
  const contacts: Contacts = {
    ...(change.contacts.email ? { email: change.contacts.email } : {}),
    ...(change.contacts.phone ? { phone: change.contacts.phone } : {}),
  };
  const result = { personId: person.id, name: fullName(person), contacts, contactsVersion: change.contactsVersion + 1 };
  const out = await commitAudited({
    clientRequestId: change.clientRequestId,
    operation: 'updatePersonContacts',
    actor: { userId: ctx.userId, personId: ctx.personId },
    request: { personId: person.id, contacts, contactsVersion: change.contactsVersion },
    writes: [
      {
        item: {
          Update: {
            TableName: tableName(),
            Key: keys.person(person.id),
            UpdateExpression: 'SET contacts = :contacts, contactsVersion = :next',
            ConditionExpression:
              change.contactsVersion === 0
                ? 'attribute_exists(pk) AND (attribute_not_exists(contactsVersion) OR contactsVersion = :seen)'
                : 'attribute_exists(pk) AND contactsVersion = :seen',
            ExpressionAttributeValues: { ':contacts': contacts, ':next': change.contactsVersion + 1, ':seen': change.contactsVersion },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        audit: { entityType: 'person', entityKey: `PERSON#${person.id}`, action: 'update', before: { contacts: person.contacts ?? {} }, after: { contacts } },
      },
    ],
    result,
    onConflict: ({ current: stored }) => {
      const now = stored as { contacts?: Contacts; contactsVersion?: number } | undefined;
      return new ConflictError('Контакты только что изменил другой пользователь. Проверьте их и сохраните снова.', {
        current: { contacts: now?.contacts ?? {}, contactsVersion: now?.contactsVersion ?? current },
      });
    },
  });
  return out.result;
}
