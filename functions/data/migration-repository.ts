/**
 * The data migrations' table access (functions/migrations): their records and their runner's
 * lease in the `MIGRATION` partition, the page-by-page Scan they rewrite the table with, and the
 * conditional writes a migration step asks for.
 *
 * The Scan here is a maintenance job's, run by the deploy (or `npm run migrate`) before the new
 * functions serve — never on a request path (docs/data-model.md, "Data migrations").
 */
import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { withConflictRetry } from './contention.ts';
import { keys } from './keys.ts';
import type { StoredItem } from './query.ts';
import { tableName } from './table.ts';

export type TableKey = { pk: string; sk: string };

/**
 * One write a migration step asks for; every one is conditional, so a user's write made since
 * the page was read is never overwritten: the write fails, the runner reads the item again and
 * asks the step once more.
 */
export type MigrationWrite =
  | {
      kind: 'update';
      key: TableKey;
      /** Attributes to set (top-level names). */
      set?: Record<string, unknown>;
      /** Attributes to remove (top-level names). */
      remove?: string[];
      /**
       * What the step saw and decided on: each attribute still has this value, or (undefined) is
       * still absent. At least one entry: an unconditional rewrite is not a migration's to make.
       */
      expect: Record<string, unknown>;
      /** The item the write was planned from, when not the written one (default: `key`). */
      source?: TableKey;
    }
  | {
      kind: 'put';
      item: StoredItem & TableKey;
      /** As for an update; none means "only if the item does not exist yet". */
      expect?: Record<string, unknown>;
      source?: TableKey;
    };

export const keyOfWrite = (write: MigrationWrite): TableKey =>
  write.kind === 'update' ? write.key : { pk: write.item.pk, sk: write.item.sk };

export type MigrationRecord = {
  id: string;
  description: string;
  status: 'running' | 'done';
  /** The release that started it (KLASSNY_VERSION), and the one that finished it. */
  release: string;
  finishedRelease?: string;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Where the Scan goes on (its LastEvaluatedKey) while running. */
  cursor?: TableKey;
  pages: number;
  scanned: number;
  changed: number;
  /** Writes that met a user's write first and were planned again. */
  conflicts: number;
  /** How many runs worked on it (more than one: it was resumed). */
  runs: number;
  /** The runner working on it now (fences a runner whose lease lapsed). */
  runner?: string;
  /** Recorded as done without a Scan: the table was made in the current layout (a fresh seed). */
  baseline?: boolean;
};

export type MigrationLease = {
  holder: string;
  /** Who runs (e.g. `npm run migrate`, `lambda <request id>`), to tell a waiting runner. */
  by: string;
  release: string;
  since: string;
  leaseUntil: number;
};

const RECORD_TYPE = 'Migration';
const LEASE_TYPE = 'MigrationLease';

const conditionFailed = (error: unknown) => error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** The records and the lease: one strongly consistent Query of the `MIGRATION` partition. */
export async function listMigrations(): Promise<{ records: MigrationRecord[]; lease?: MigrationLease }> {
  const records: MigrationRecord[] = [];
  let lease: MigrationLease | undefined;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.migrations().pk },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const item of out.Items ?? []) {
      if (item.type === RECORD_TYPE) records.push(recordOf(item));
      else if (item.type === LEASE_TYPE && typeof item.holder === 'string') lease = leaseOf(item);
    }
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { records, ...(lease ? { lease } : {}) };
}

function recordOf(item: Record<string, unknown>): MigrationRecord {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as MigrationRecord;
}

function leaseOf(item: Record<string, unknown>): MigrationLease {
  return { holder: String(item.holder), by: String(item.by), release: String(item.release), since: String(item.since), leaseUntil: Number(item.leaseUntil) };
}

/**
 * Takes the runner's lease unless another runner holds it and has not let it lapse; a runner
 * that died (Lambda timeout, SIGKILL) stops renewing, so its lease lapses within `forMs`.
 */
export async function takeMigrationLease(
  lease: Omit<MigrationLease, 'leaseUntil'>,
  now: Date,
  forMs: number,
): Promise<{ taken: true } | { taken: false; heldBy?: MigrationLease }> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.migrationLease(),
        UpdateExpression: 'SET holder = :holder, #by = :by, #release = :release, since = :since, leaseUntil = :until, #type = :type',
        ConditionExpression: 'attribute_not_exists(holder) OR leaseUntil < :now',
        ExpressionAttributeNames: { '#by': 'by', '#release': 'release', '#type': 'type' },
        ExpressionAttributeValues: {
          ':holder': lease.holder,
          ':by': lease.by,
          ':release': lease.release,
          ':since': lease.since,
          ':until': now.getTime() + forMs,
          ':now': now.getTime(),
          ':type': LEASE_TYPE,
        },
      }),
    );
    return { taken: true };
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.migrationLease(), ConsistentRead: true }));
    return { taken: false, ...(out.Item?.holder ? { heldBy: leaseOf(out.Item) } : {}) };
  }
}

/** Extends the lease; false when it is no longer this holder's (it lapsed and another took it). */
export async function renewMigrationLease(holder: string, now: Date, forMs: number): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.migrationLease(),
        UpdateExpression: 'SET leaseUntil = :until',
        ConditionExpression: 'holder = :holder',
        ExpressionAttributeValues: { ':until': now.getTime() + forMs, ':holder': holder },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

export async function releaseMigrationLease(holder: string): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.migrationLease(),
        UpdateExpression: 'REMOVE holder, #by, #release, since, leaseUntil',
        ConditionExpression: 'holder = :holder',
        ExpressionAttributeNames: { '#by': 'by', '#release': 'release' },
        ExpressionAttributeValues: { ':holder': holder },
      }),
    );
  } catch (error) {
    if (!conditionFailed(error)) throw error;
  }
}

/**
 * Starts a migration's record, or resumes one left running (its cursor is where the Scan goes
 * on). Never touches a done record: a migration runs to its end once.
 */
export async function beginMigration(input: { id: string; description: string; release: string; runner: string; now: Date }): Promise<MigrationRecord> {
  const at = input.now.toISOString();
  const out = await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.migration(input.id),
      UpdateExpression:
        'SET #type = :type, #id = :id, #description = :description, #status = :running, #release = if_not_exists(#release, :release), ' +
        'startedAt = if_not_exists(startedAt, :at), updatedAt = :at, runner = :runner, ' +
        'pages = if_not_exists(pages, :zero), scanned = if_not_exists(scanned, :zero), changed = if_not_exists(changed, :zero), ' +
        'conflicts = if_not_exists(conflicts, :zero) ADD runs :one',
      ConditionExpression: 'attribute_not_exists(pk) OR #status = :running',
      // Every name aliased: several (status, release, type …) are DynamoDB reserved words.
      ExpressionAttributeNames: { '#type': 'type', '#id': 'id', '#description': 'description', '#status': 'status', '#release': 'release' },
      ExpressionAttributeValues: {
        ':type': RECORD_TYPE,
        ':id': input.id,
        ':description': input.description,
        ':running': 'running',
        ':release': input.release,
        ':at': at,
        ':runner': input.runner,
        ':zero': 0,
        ':one': 1,
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return recordOf(out.Attributes!);
}

export class MigrationTakenOverError extends Error {
  override readonly name = 'MigrationTakenOverError';
  constructor(id: string) {
    super(`migration ${id} is being run by another runner (this one's lease lapsed)`);
  }
}

/**
 * Records one page done: counts added, the cursor moved on (or removed with the status set to
 * done after the last page). Only the runner that began (or resumed) it may: a runner whose lease
 * lapsed while it was stalled stops here instead of writing over the newer runner's progress.
 */
export async function saveMigrationPage(input: {
  id: string;
  runner: string;
  release: string;
  now: Date;
  cursor?: TableKey;
  scanned: number;
  changed: number;
  conflicts: number;
}): Promise<void> {
  const at = input.now.toISOString();
  const done = !input.cursor;
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.migration(input.id),
        UpdateExpression:
          `SET updatedAt = :at${done ? ', #status = :done, finishedAt = :at, finishedRelease = :release' : ', #cursor = :cursor'} ` +
          `ADD pages :one, scanned :scanned, changed :changed, conflicts :conflicts${done ? ' REMOVE #cursor, runner' : ''}`,
        ConditionExpression: 'runner = :runner AND #status = :running',
        ExpressionAttributeNames: { '#status': 'status', '#cursor': 'cursor' },
        ExpressionAttributeValues: {
          ':at': at,
          ':runner': input.runner,
          ':running': 'running',
          ':one': 1,
          ':scanned': input.scanned,
          ':changed': input.changed,
          ':conflicts': input.conflicts,
          ...(done ? { ':done': 'done', ':release': input.release } : { ':cursor': input.cursor }),
        },
      }),
    );
  } catch (error) {
    if (conditionFailed(error)) throw new MigrationTakenOverError(input.id);
    throw error;
  }
}

/**
 * Records a migration as done without running it: the table was made in the current layout (a
 * fresh demo seed). An existing record is left as it is.
 */
export async function recordMigrationBaseline(input: { id: string; description: string; release: string; now: Date }): Promise<boolean> {
  const at = input.now.toISOString();
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.migration(input.id),
          type: RECORD_TYPE,
          id: input.id,
          description: input.description,
          status: 'done',
          baseline: true,
          release: input.release,
          finishedRelease: input.release,
          startedAt: at,
          updatedAt: at,
          finishedAt: at,
          pages: 0,
          scanned: 0,
          changed: 0,
          conflicts: 0,
          runs: 0,
        } satisfies MigrationRecord & TableKey & { type: string },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/**
 * One page of the whole table, in key order within its partitions: Scan with `Limit` from the
 * cursor, strongly consistent (a step decides on the item as it is now, so its conditional
 * writes seldom meet a change).
 */
export async function scanTablePage(cursor: TableKey | undefined, limit: number): Promise<{ items: StoredItem[]; cursor?: TableKey }> {
  const out = await documentClient.send(
    new ScanCommand({ TableName: tableName(), Limit: limit, ConsistentRead: true, ...(cursor ? { ExclusiveStartKey: cursor } : {}) }),
  );
  const next = out.LastEvaluatedKey as TableKey | undefined;
  return { items: (out.Items ?? []) as StoredItem[], ...(next ? { cursor: { pk: next.pk, sk: next.sk } } : {}) };
}

/** The item as it is now (a write met a change: the step decides again on this). */
export async function readItem(key: TableKey): Promise<StoredItem | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }));
  return out.Item as StoredItem | undefined;
}

/** Applies one write on its condition: 'changed', or 'condition-failed' when the item moved on since the step saw it. */
export async function applyMigrationWrite(write: MigrationWrite): Promise<'changed' | 'condition-failed'> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const name = (attribute: string) => {
    const alias = `#a${Object.keys(names).length}`;
    names[alias] = attribute;
    return alias;
  };
  const value = (v: unknown) => {
    const alias = `:v${Object.keys(values).length}`;
    values[alias] = v;
    return alias;
  };
  const expected = (expect: Record<string, unknown>) =>
    Object.entries(expect).map(([attribute, v]) => (v === undefined ? `attribute_not_exists(${name(attribute)})` : `${name(attribute)} = ${value(v)}`));

  let command: UpdateCommand | PutCommand;
  if (write.kind === 'update') {
    const conditions = expected(write.expect);
    if (conditions.length === 0) throw new Error(`an update of ${write.key.pk} / ${write.key.sk} without a condition`);
    const sets = Object.entries(write.set ?? {}).map(([attribute, v]) => `${name(attribute)} = ${value(v)}`);
    const removes = (write.remove ?? []).map((attribute) => name(attribute));
    if (sets.length === 0 && removes.length === 0) throw new Error(`an update of ${write.key.pk} / ${write.key.sk} that changes nothing`);
    command = new UpdateCommand({
      TableName: tableName(),
      Key: { pk: write.key.pk, sk: write.key.sk },
      UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' '),
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    });
  } else {
    const conditions = write.expect && Object.keys(write.expect).length ? expected(write.expect) : [`attribute_not_exists(${name('pk')})`];
    command = new PutCommand({
      TableName: tableName(),
      Item: write.item,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    });
  }
  try {
    // A transaction touching the item at that moment (TransactionConflict) is retried a few times.
    await withConflictRetry(() => (command instanceof UpdateCommand ? documentClient.send(command) : documentClient.send(command)));
    return 'changed';
  } catch (error) {
    if (conditionFailed(error)) return 'condition-failed';
    throw error;
  }
}
