/**
 * The floor: what each page costs the database alone. The same DynamoDB requests the
 * repositories make for the page — same key conditions, same indexes, same consistency, the
 * queries side by side as the services issue them, the same page-following loop — sent
 * directly with a DocumentClient to the same engine over the same loopback HTTP, with none of
 * the API around them (no gateway, JWT, middy, validation, access context, shaping, JSON).
 *
 * For a write, the floor is the same reads and a TransactWriteItems of the same size and shape:
 * the condition checks of the lesson and its period, one conditional Put per record, one audit
 * event per record and the idempotency record (keys.ts and the repositories' item builders make
 * the items).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { newId } from '#shared/domain/ids.ts';
import type { Mark } from '#shared/domain/mark.ts';
import { keys, RANGE_END } from '#functions/data/keys.ts';
import { attendanceItem, coordinatesOf, lessonItem, markItem } from '#functions/data/journal-repository.ts';
import type { Attendance } from '#shared/domain/attendance.ts';
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

/** AP2: the class's lessons of the week (gsi3) + the student's timeline of the week (gsi1) + the homework due in the week (AP25, gsi1). */
export async function floorDiary(
  client: DynamoDBDocumentClient,
  t: { classId: string; studentId: string; monday: string; sunday: string },
  meter?: Meter,
): Promise<FloorResult> {
  const [lessons, timeline, due] = await Promise.all([
    between(client, ['gsi3pk', keys.lessonByClass(t.classId, t.monday, 0, '').gsi3pk], 'gsi3sk', t.monday, `${t.sunday}${RANGE_END}`, { index: 'gsi3', meter }),
    between(client, ['gsi1pk', keys.studentTimelinePartition(t.studentId).gsi1pk], 'gsi1sk', t.monday, `${t.sunday}${RANGE_END}`, { index: 'gsi1', meter }),
    between(client, ['gsi1pk', keys.homeworkDuePartition(t.classId).gsi1pk], 'gsi1sk', t.monday, `${t.sunday}${RANGE_END}`, { index: 'gsi1', meter }),
  ]);
  return result(lessons.length + timeline.length + due.length, meter);
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

/** The lesson's period, whose state item every lesson write reads and checks (п. 6.1: closed by final marks). */
export type LessonWrite = { lesson: Lesson; period: { id: string; endDate: string }; actor: { userId: string; personId: string } };

/** The reads every lesson write starts with: the lesson sheet (consistent), the roster when students are named, the period's state. */
async function lessonWriteReads(client: DynamoDBDocumentClient, t: LessonWrite, withRoster: boolean, meter?: Meter): Promise<number> {
  const c = coordinatesOf(t.lesson);
  const prefix = keys.lesson(c.groupId, c.subjectId, c.date, c.slot).sk.slice(0, -1);
  const [sheet, students] = await Promise.all([
    between(client, ['pk', keys.journal(c.groupId, c.subjectId).pk], 'sk', prefix, `${prefix}${RANGE_END}`, { consistent: true, meter }),
    withRoster ? roster(client, t.lesson.classId, meter) : Promise.resolve([]),
    client.send(new GetCommand({ TableName, Key: keys.journalPeriodState(c.groupId, c.subjectId, t.period.endDate, t.period.id), ConsistentRead: true })),
  ]);
  return sheet.length + students.length;
}

/** The checks at the head of every lesson write's transaction: the lesson is still there, its period still open. */
function lessonWriteChecks(t: LessonWrite, now: Date, withLesson = true): TransactItem[] {
  const c = coordinatesOf(t.lesson);
  return [
    ...(withLesson ? [{ ConditionCheck: { TableName, Key: keys.lesson(c.groupId, c.subjectId, c.date, c.slot), ConditionExpression: 'attribute_exists(pk)' } }] : []),
    {
      ConditionCheck: {
        TableName,
        Key: keys.journalPeriodState(c.groupId, c.subjectId, t.period.endDate, t.period.id),
        ConditionExpression: 'attribute_not_exists(closedAt) OR reopenedUntil > :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      },
    },
  ];
}

/** One audit event per written record, as commitAudited writes it. */
function auditPut(t: LessonWrite, operation: string, entityType: string, entityKey: string, after: unknown, at: string, requestId: string, i: number): TransactItem {
  const now = Date.parse(at);
  return {
    Put: {
      TableName,
      Item: {
        ...keys.audit(entityKey, at, requestId, i),
        type: 'AuditEvent',
        id: newId('auditEvent', now, randomBytes(10)),
        at,
        actorId: t.actor.personId,
        actorRole: 'teacher',
        entityType,
        entityKey,
        action: 'create',
        before: null,
        after,
        requestId,
        operation,
      },
    },
  };
}

/** The request's idempotency record, with its result, as commitAudited writes it. */
function idempotencyPut(t: LessonWrite, operation: string, request: unknown, result: unknown, now: Date, requestId: string): TransactItem {
  return {
    Put: {
      TableName,
      Item: {
        ...keys.idempotency(requestId),
        type: 'IdempotencyRecord',
        operation,
        actorUserId: t.actor.userId,
        requestHash: createHash('sha256').update(JSON.stringify(request)).digest('hex'),
        result,
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + 24 * 3600,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

async function transact(client: DynamoDBDocumentClient, items: TransactItem[]): Promise<number> {
  await client.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() }));
  return items.length;
}

/**
 * W1: the lesson sheet (consistent) + the roster + the period's state, then one transaction
 * creating a mark for each student: the lesson's and the period's checks, the marks, their audit
 * events, the idempotency record.
 */
export async function floorSave(
  client: DynamoDBDocumentClient,
  t: LessonWrite & { studentIds: string[]; values: (j: number) => Mark['values']; workTypeId: string },
  meter?: Meter,
): Promise<FloorResult> {
  const read = await lessonWriteReads(client, t, true, meter);
  const c = coordinatesOf(t.lesson);
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
    ...lessonWriteChecks(t, now),
    ...marks.map((mark) => ({ Put: { TableName, Item: markItem(mark, c, t.lesson.classId), ConditionExpression: 'attribute_not_exists(pk)' } })),
    ...marks.map((mark, i) => auditPut(t, 'saveLessonMarks', 'mark', mark.id, mark, at, requestId, i + 2)),
    idempotencyPut(t, 'saveLessonMarks', marks, { lessonId: t.lesson.id, marks, replayed: false }, now, requestId),
  ];
  return { ...result(read, meter), writeItems: await transact(client, items) };
}

/**
 * W5: the same reads, then one transaction setting an attendance code for each student: the
 * lesson's and the period's checks, the records, their audit events, the idempotency record.
 */
export async function floorAttendance(
  client: DynamoDBDocumentClient,
  t: LessonWrite & { studentIds: string[]; code: (j: number) => string },
  meter?: Meter,
): Promise<FloorResult> {
  const read = await lessonWriteReads(client, t, true, meter);
  const c = coordinatesOf(t.lesson);
  const now = new Date();
  const at = now.toISOString();
  const requestId = randomUUID();
  const records: Attendance[] = t.studentIds.map((studentId, j) => ({ lessonId: t.lesson.id, studentId, code: t.code(j), version: 1, setBy: t.actor.personId, setAt: at }));
  const items: TransactItem[] = [
    ...lessonWriteChecks(t, now),
    ...records.map((r) => ({ Put: { TableName, Item: attendanceItem(r, c, t.lesson.classId), ConditionExpression: 'attribute_not_exists(pk)' } })),
    ...records.map((r, i) => auditPut(t, 'saveAttendance', 'attendance', `ATT#${r.lessonId}#${r.studentId}`, r, at, requestId, i + 2)),
    idempotencyPut(t, 'saveAttendance', records, { lessonId: t.lesson.id, attendance: records, replayed: false }, now, requestId),
  ];
  return { ...result(read, meter), writeItems: await transact(client, items) };
}

/**
 * W4: the lesson sheet + the period's state (no roster: the entry names no student), then one
 * transaction: the lesson item on condition of its version, its audit event, the period's check,
 * the idempotency record.
 */
export async function floorLessonEntry(client: DynamoDBDocumentClient, t: LessonWrite & { lesson: Lesson }, meter?: Meter): Promise<FloorResult> {
  const read = await lessonWriteReads(client, t, false, meter);
  const now = new Date();
  const requestId = randomUUID();
  const updated: Lesson = { ...t.lesson, homework: { text: '№ 101–105, повторить правило' }, version: t.lesson.version + 1 };
  const items: TransactItem[] = [
    {
      Put: {
        TableName,
        Item: lessonItem(updated),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': t.lesson.version },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    ...lessonWriteChecks(t, now, false),
    auditPut(t, 'saveLesson', 'lesson', `LESSON#${t.lesson.id}`, updated, now.toISOString(), requestId, 0),
    idempotencyPut(t, 'saveLesson', updated, { lesson: updated, warnings: [], replayed: false }, now, requestId),
  ];
  return { ...result(read, meter), writeItems: await transact(client, items) };
}
