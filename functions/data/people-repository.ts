/**
 * People and their relationships. A person's partition holds their profile and the
 * relationships read with them (children, parents, enrollments); a class partition holds
 * its roster. Names are copied onto roster and child lines so that a journal or a parent's
 * start page never has to fetch people one by one.
 */
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Person } from '#shared/domain/person.ts';
import type { Enrollment } from '#shared/domain/enrollment.ts';
import type { Guardianship } from '#shared/domain/guardianship.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from './keys.ts';
import { queryPrefix, stripKeys, type StoredItem } from './query.ts';
import { tableName } from './table.ts';

export type PersonName = { lastName: string; firstName: string; middleName?: string };

/** A line of a class roster: who is (or was) in the class, in which subgroups, from when. */
export type RosterEntry = PersonName &
  Pick<Enrollment, 'studentId' | 'classId' | 'subgroupIds' | 'from' | 'to'> & { healthGroup?: Person['healthGroup'] };

/**
 * A parent's child as the parent's pages and the access policy need it: name, class and subgroups,
 * and whether the parent is the child's legal representative (who may consent for them, 152-ФЗ).
 */
export type ChildLine = PersonName & {
  parentId: string;
  studentId: string;
  relation: Guardianship['relation'];
  classId: string;
  subgroupIds: string[];
  legalRepresentative?: boolean;
};

export function personItem(person: Person): StoredItem {
  const staff = person.kind === 'staff' ? keys.staffByName(`${person.lastName} ${person.firstName} ${person.middleName ?? ''}`.trim(), person.id) : {};
  return { ...keys.person(person.id), ...staff, type: 'Person', ...person };
}

/** A consent as its subject's partition holds it: read with the person for every access decision. */
export type ConsentLine = { consentId: string; personId: string; signedById: string; signedByName?: string; documentVersion: string; acceptedAt: string; withdrawnAt?: string };

export function rosterItem(entry: RosterEntry): StoredItem {
  return { ...keys.rosterEntry(entry.classId, entry.studentId), type: 'RosterEntry', ...entry };
}

export function enrollmentItem(enrollment: Enrollment, academicYearId: string): StoredItem {
  return { ...keys.personEnrollment(enrollment.studentId, academicYearId, enrollment.classId), type: 'Enrollment', ...enrollment };
}

export function childItems(line: ChildLine, guardianship: Guardianship): StoredItem[] {
  return [
    {
      ...keys.guardianChild(line.parentId, line.studentId),
      type: 'ChildLine',
      ...line,
      legalRepresentative: guardianship.isLegalRepresentative,
      guardianshipId: guardianship.id,
    },
    { ...keys.guardianParent(line.studentId, line.parentId), type: 'Guardianship', ...guardianship },
  ];
}

/** One person: GetItem (`consistent` where the answer decides a write, e.g. whether they have an account). */
export async function getPerson(personId: string, options: { consistent?: boolean } = {}): Promise<Person | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.person(personId), ConsistentRead: options.consistent }));
  return out.Item ? stripKeys<Person>(out.Item) : undefined;
}

/** AP1b · a class roster (subgroup rosters filter on subgroupIds): Query pk = CLASS#<class>, sk begins_with STUDENT#. */
export async function getRoster(classId: string): Promise<RosterEntry[]> {
  const items = await queryPrefix({ name: 'pk', value: `CLASS#${classId}` }, 'sk', 'STUDENT#');
  return items.map((i) => stripKeys<RosterEntry>(i)).sort(byName);
}

/** AP4 · a parent's children: Query pk = PERSON#<parent>, sk begins_with CHILD#. */
export async function getChildren(parentId: string): Promise<ChildLine[]> {
  const items = await queryPrefix({ name: 'pk', value: `PERSON#${parentId}` }, 'sk', 'CHILD#');
  return items.map((i) => stripKeys<ChildLine>(i)).sort(byName);
}

/**
 * A person with everything the access policy needs about them (children, enrollments, parents):
 * one Query of their partition.
 */
export async function getPersonWithRelations(personId: string, options: { consistent?: boolean } = {}): Promise<{
  person?: Person;
  children: ChildLine[];
  enrollments: Enrollment[];
  consents: ConsentLine[];
}> {
  const items = await queryPrefix({ name: 'pk', value: `PERSON#${personId}` }, 'sk', '', { consistent: options.consistent });
  const out = { person: undefined as Person | undefined, children: [] as ChildLine[], enrollments: [] as Enrollment[], consents: [] as ConsentLine[] };
  for (const item of items) {
    if (item.type === 'Person') out.person = stripKeys<Person>(item);
    else if (item.type === 'ChildLine') out.children.push(stripKeys<ChildLine>(item));
    else if (item.type === 'Enrollment') out.enrollments.push(stripKeys<Enrollment>(item));
    else if (item.type === 'ConsentLine') out.consents.push(stripKeys<ConsentLine>(item));
  }
  return out;
}

/** A parent of a student of the class, as the class teacher's lists need it. */
export type FamilyLine = PersonName & { parentId: string; studentId: string; relation: Guardianship['relation']; classId: string };

/** The parent line on the class partition (written with the guardianship). */
export function familyLineItem(line: FamilyLine): StoredItem {
  return { ...keys.familyLine(line.classId, line.studentId, line.parentId), type: 'FamilyLine', ...line };
}

/** AP · a class's students and their parents: Query pk = CLASS#<class> (roster and family lines). */
export async function getClassFamilies(classId: string): Promise<{ students: RosterEntry[]; parents: FamilyLine[] }> {
  const items = await queryPrefix({ name: 'pk', value: `CLASS#${classId}` }, 'sk', '');
  const students: RosterEntry[] = [];
  const parents: FamilyLine[] = [];
  for (const item of items) {
    if (item.type === 'RosterEntry') students.push(stripKeys<RosterEntry>(item));
    else if (item.type === 'FamilyLine') parents.push(stripKeys<FamilyLine>(item));
  }
  return { students: students.sort(byName), parents: parents.sort(byName) };
}

/** AP · the staff by name (gsi3 pk = STAFF). */
export async function getStaff(): Promise<Person[]> {
  const items = await queryPrefix({ name: 'gsi3pk', value: 'STAFF' }, 'gsi3sk', '', { index: 'gsi3' });
  return items.map((i) => stripKeys<Person>(i));
}

// Made on first use: loading ICU's Russian collation costs ~15 ms, paid by every cold start otherwise.
let collator: Intl.Collator | undefined;
export function byName(a: PersonName, b: PersonName): number {
  collator ??= new Intl.Collator('ru');
  return collator.compare(`${a.lastName} ${a.firstName} ${a.middleName ?? ''}`, `${b.lastName} ${b.firstName} ${b.middleName ?? ''}`);
}

export function fullName(p: PersonName): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

export type PersonLink = { hasAccount: boolean; contacts: Person['contacts']; contactsVersion: number };

/**
 * Whether these people have an account, and their contacts (BatchGetItem of their profiles, 100 per
 * call, a few attributes); `consistent` where the answer decides a write (issuing a code).
 */
export async function peopleLinks(personIds: readonly string[], options: { consistent?: boolean } = {}): Promise<Map<string, PersonLink>> {
  const out = new Map<string, PersonLink>();
  for (let i = 0; i < personIds.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression: string; ConsistentRead?: boolean }> | undefined = {
      [tableName()]: {
        Keys: personIds.slice(i, i + 100).map((id) => keys.person(id)),
        ProjectionExpression: 'id, userId, contacts, contactsVersion',
        ...(options.consistent ? { ConsistentRead: true } : {}),
      },
    };
    while (request && Object.keys(request).length > 0) {
      const res = await documentClient.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of res.Responses?.[tableName()] ?? []) {
        out.set(String(item.id), { hasAccount: Boolean(item.userId), contacts: (item.contacts ?? {}) as Person['contacts'], contactsVersion: Number(item.contactsVersion ?? 0) });
      }
      request = res.UnprocessedKeys as typeof request;
    }
  }
  return out;
}
