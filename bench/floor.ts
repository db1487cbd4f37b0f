/**
 * The floor: what each page costs the database alone. The same DynamoDB requests the
 * repositories make for the page — same key conditions, same indexes, same consistency, the
 * queries side by side as the services issue them, the same page-following loop — sent
 * directly with a DocumentClient to the same engine over the same loopback HTTP, with none of
 * the API around them (no gateway, JWT, middy, validation, access context, shaping, JSON).
 *
 * For a save, the floor is the two reads and a TransactWriteItems of the same size and shape:
 * a condition check of the lesson, one conditional Put per mark, one audit event per mark and
 * the idempotency record (keys.ts and the repositories' item builders make the items).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { newId } from '#shared/domain/ids.ts';
import type { Mark } from '#shared/domain/mark.ts';
import { keys, RANGE_END } from '#functions/data/keys.ts';
import { coordinatesOf, markItem } from '#functions/data/journal-repository.ts';
import type { Lesson } from '#shared/domain/lesson.ts';
import { LOCAL_TABLE_NAME } from '#shared/table/definition.ts';

const TableName = LOCAL_TABLE_NAME;

/** Items read, and the read capacity they cost when asked for; the requests are counted at the client. */
export type FloorResult = { items: number; readCapacity?: number; writeItems?: number };

/**
 * Set on one call (outside the timed series) to learn the read capacity of the page: the queries
 * then ask for ReturnConsumedCapacity, which the timed calls do not, as the repositories do not.
 */
export type Meter = { readCapacity: number };

async function queryAll(client: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'TableName'>, meter?: Meter): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await client.send(new QueryCommand({ TableName, ...input, ExclusiveStartKey, ...(meter ? { ReturnConsumedCapacity: 'TOTAL' } : {}) }));
    if (meter) meter.readCapacity += out.ConsumedCapacity?.CapacityUnits ?? 0;
    items.push(...(out.Items ?? []));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

type KeyName = 'pk' | 'gsi1pk' | 'gsi3pk';
type SortName = 'sk' | 'gsi1sk' | 'gsi3sk';

function between(
  client: DynamoDBDocumentClient,
  pk: [KeyName, string],
  sk: SortName,
  from: string,
  to: string,
  options: { index?: string; consistent?: boolean; meter?: Meter } = {},
) {
  return queryAll(client, {
    IndexName: options.index,
    ConsistentRead: options.index ? undefined : options.consistent,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': pk[0], '#sk': sk },
    ExpressionAttributeValues: { ':pk': pk[1], ':from': from, ':to': to },
  }, options.meter);
}

function beginsWith(client: DynamoDBDocumentClient, pk: [KeyName, string], sk: SortName, prefix: string, options: { index?: string; meter?: Meter } = {}) {
  return queryAll(client, {
    IndexName: options.index,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': pk[0], '#sk': sk },
    ExpressionAttributeValues: { ':pk': pk[1], ':prefix': prefix },
  }, options.meter);
}

function roster(client: DynamoDBDocumentClient, classId: string, meter?: Meter) {
  const r = keys.roster(classId);
  return beginsWith(client, ['pk', r.pk], 'sk', r.skPrefix, { meter });
}

const result = (items: number, meter?: Meter): FloorResult => (meter ? { items, readCapacity: meter.readCapacity } : { items });

/**
 * Every authenticated request first reads the caller's account (decision 17: a disabled account
 * or "sign out everywhere" stops the very next request), strongly consistent as the API reads it;
 * the floor reads it too, before the page.
 */
export async function floorAccount(client: DynamoDBDocumentClient, userId: string): Promise<void> {
  await client.send(new GetCommand({ TableName, Key: keys.account(userId), ConsistentRead: true }));
}

/** AP1: the journal partition for the period (consistent) + the class roster. */
export async function floorJournal(
  client: DynamoDBDocumentClient,
  t: { groupId: string; subjectId: string; classId: string; from: string; to: string },
  meter?: Meter,
): Promise<FloorResult> {
  const [page, students] = await Promise.all([
    between(client, ['pk', keys.journal(t.groupId, t.subjectId).pk], 'sk', t.from, `${t.to}${RANGE_END}`, { consistent: true, meter }),
    roster(client, t.classId, meter),
  ]);
  return result(page.length + students.length, meter);
}

/** AP2: the class's lessons of the week (gsi3) + the student's timeline of the week (gsi1). */
export async function floorDiary(
  client: DynamoDBDocumentClient,
  t: { classId: string; studentId: string; monday: string; sunday: string },
  meter?: Meter,
): Promise<FloorResult> {
  const [lessons, timeline] = await Promise.all([
    between(client, ['gsi3pk', keys.lessonByClass(t.classId, t.monday, 0, '').gsi3pk], 'gsi3sk', t.monday, `${t.sunday}${RANGE_END}`, { index: 'gsi3', meter }),
    between(client, ['gsi1pk', keys.studentTimelinePartition(t.studentId).gsi1pk], 'gsi1sk', t.monday, `${t.sunday}${RANGE_END}`, { index: 'gsi1', meter }),
  ]);
  return result(lessons.length + timeline.length, meter);
}

/** AP3: the student's timeline for the period (gsi1) + their final marks of the period (gsi1). */
export async function floorMarks(
  client: DynamoDBDocumentClient,
  t: { studentId: string; periodId: string; from: string; to: string },
  meter?: Meter,
): Promise<FloorResult> {
  const partition: [KeyName, string] = ['gsi1pk', keys.studentTimelinePartition(t.studentId).gsi1pk];
  const [timeline, finals] = await Promise.all([
    between(client, partition, 'gsi1sk', t.from, `${t.to}${RANGE_END}`, { index: 'gsi1', meter }),
    beginsWith(client, partition, 'gsi1sk', `FINAL#${t.periodId}`, { index: 'gsi1', meter }),
  ]);
  return result(timeline.length + finals.length, meter);
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * W1: the lesson sheet (consistent) + the roster, then one transaction creating a mark for
 * each student: condition check of the lesson, the marks, their audit events, the idempotency record.
 */
export async function floorSave(
  client: DynamoDBDocumentClient,
  t: { lesson: Lesson; studentIds: string[]; values: (j: number) => Mark['values']; workTypeId: string; actor: { userId: string; personId: string } },
  meter?: Meter,
): Promise<FloorResult> {
  const c = coordinatesOf(t.lesson);
  const { pk } = keys.journal(c.groupId, c.subjectId);
  const prefix = keys.lesson(c.groupId, c.subjectId, c.date, c.slot).sk.slice(0, -1);
  const [sheet, students] = await Promise.all([
    between(client, ['pk', pk], 'sk', prefix, `${prefix}${RANGE_END}`, { consistent: true, meter }),
    roster(client, t.lesson.classId, meter),
  ]);

  const now = new Date();
  const at = now.toISOString();
  const requestId = randomUUID();
  const marks: Mark[] = t.studentIds.map((studentId, j) => ({
    id: newId('mark', now.getTime(), randomBytes(10)),
    lessonId: t.lesson.id,
    studentId,
    values: t.values(j),
    workTypeId: t.workTypeId,
    version: 1,
    setBy: t.actor.personId,
    setAt: at,
  }));
  const items: TransactItem[] = [
    { ConditionCheck: { TableName, Key: keys.lesson(c.groupId, c.subjectId, c.date, c.slot), ConditionExpression: 'attribute_exists(pk)' } },
    ...marks.map((mark) => ({ Put: { TableName, Item: markItem(mark, c, t.lesson.classId), ConditionExpression: 'attribute_not_exists(pk)' } })),
    ...marks.map((mark, i) => ({
      Put: {
        TableName,
        Item: {
          ...keys.audit(mark.id, at, requestId, i + 1),
          type: 'AuditEvent',
          id: newId('auditEvent', now.getTime(), randomBytes(10)),
          at,
          actorId: t.actor.personId,
          actorRole: 'teacher',
          entityType: 'mark',
          entityKey: mark.id,
          action: 'create',
          before: null,
          after: mark,
          requestId,
          operation: 'saveLessonMarks',
        },
      },
    })),
    {
      Put: {
        TableName,
        Item: {
          ...keys.idempotency(requestId),
          type: 'IdempotencyRecord',
          operation: 'saveLessonMarks',
          actorUserId: t.actor.userId,
          requestHash: createHash('sha256').update(JSON.stringify(marks)).digest('hex'),
          result: { lessonId: t.lesson.id, marks, replayed: false },
          createdAt: at,
          expiresAt: Math.floor(now.getTime() / 1000) + 24 * 3600,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
  ];
  await client.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() }));
  return { ...result(sheet.length + students.length, meter), writeItems: items.length };
}
