import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { BatchGetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from '#functions/data/keys.ts';
import { tableName } from '#functions/data/table.ts';
import { getPerson } from '#functions/data/people-repository.ts';
import { batchGetItems } from '#functions/data/batch-get.ts';
import { getClassUsage, type ClassUsage } from '#functions/data/usage-repository.ts';
import { createPoolUser } from '#functions/identity/pool-users.ts';
import { DEMO_PASSWORD } from '#infra/local/seed/demo-accounts.ts';
import { LOCAL_CLIENT_ID, type LocalStack } from '#infra/local/stack.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { countDynamoCalls } from '../../support/call-counter.ts';
import { createFixtureAccounts, ids, writeFixtureSchool } from '../../support/fixture-school.ts';

/**
 * Usage by parents and students (п. 5.10): a password sign-in through the local Cognito endpoint
 * runs the pool's post-authentication trigger (the module deployed in AWS), which records it on
 * the account; the class's usage is read back by access patterns only (AP30).
 */
let stack: LocalStack;
const calls = countDynamoCalls();
/** A school day of the fixture year: 5А's September leaver is no longer in the class. */
const ON = '2026-11-30';

beforeAll(async () => {
  stack = await startTestStack({ prepare: async () => (await writeFixtureSchool(), await createFixtureAccounts()) });
}, 120_000);
afterAll(() => stack?.close());

const userIdOf = async (personId: string) => (await getPerson(personId))!.userId!;
const usage = () => getClassUsage(ids.class5, ON);
const studentIn = (u: ClassUsage, personId: string) => u.students.find((s) => s.personId === personId);

describe('a sign-in is recorded on the account (the pool\'s post-authentication trigger)', () => {
  it('the first sign-in sets the time, the second the same day counts again; a refresh is not a sign-in', async () => {
    expect(studentIn(await usage(), ids.s1)?.account).toEqual({ status: 'active', signInCount: 0 });

    const before = new Date().toISOString();
    const token = await signIn(stack, 's_anna');
    const first = studentIn(await usage(), ids.s1)!.account!;
    expect(first.signInCount).toBe(1);
    expect(first.lastSignInAt! >= before && first.lastSignInAt! <= new Date().toISOString()).toBe(true);
    expect(decodeJwt(token).sub).toBe(await userIdOf(ids.s1));

    await new Promise((resolve) => setTimeout(resolve, 5));
    await signIn(stack, 's_anna');
    const second = studentIn(await usage(), ids.s1)!.account!;
    expect(second.signInCount).toBe(2);
    expect(second.lastSignInAt! > first.lastSignInAt!).toBe(true);

    // A refreshed session is the same sign-in.
    const client = new CognitoIdentityProviderClient({ endpoint: `http://127.0.0.1:${stack.port}/cognito`, region: 'eu-central-1' });
    const signedIn = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: LOCAL_CLIENT_ID, AuthParameters: { USERNAME: 's_anna', PASSWORD: DEMO_PASSWORD } }),
    );
    await client.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: LOCAL_CLIENT_ID, AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult!.RefreshToken! } }),
    );
    client.destroy();
    expect(studentIn(await usage(), ids.s1)!.account!.signInCount).toBe(3);
  });

  it('a sign-in recorded after a later one only counts: the later time stays', async () => {
    const userId = await userIdOf(ids.informaticsTeacher);
    const later = '2999-01-01T00:00:00.000Z';
    await documentClient.send(new UpdateCommand({ TableName: tableName(), Key: keys.account(userId), UpdateExpression: 'SET lastSignInAt = :at', ExpressionAttributeValues: { ':at': later } }));
    await signIn(stack, 't_inf');
    expect(await batchGetItems([keys.account(userId)], { attributes: ['lastSignInAt', 'signInCount'] })).toEqual([{ lastSignInAt: later, signInCount: 1 }]);
  });

  it('a sign-in the record cannot be written for still succeeds, and the failure is logged without naming anyone', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // A user of the pool without an account record: nothing to record on, nothing created.
      await createPoolUser('pool_only', 'Без Записи', DEMO_PASSWORD, ['teacher']);
      const orphan = decodeJwt(await signIn(stack, 'pool_only')).sub!;
      expect(await batchGetItems([keys.account(orphan)])).toEqual([]);

      // An account the write fails on (a count that is not a number): the table refuses the update.
      const fatherId = await userIdOf(ids.parent);
      await documentClient.send(new UpdateCommand({ TableName: tableName(), Key: keys.account(fatherId), UpdateExpression: 'SET signInCount = :x', ExpressionAttributeValues: { ':x': 'many' } }));
      const token = await signIn(stack, 'p_father');
      expect((await api(stack, '/api/me', { token })).status).toBe(200);
      const [father] = await batchGetItems([keys.account(fatherId)]);
      expect(father).toMatchObject({ signInCount: 'many' });
      expect(father!.lastSignInAt).toBeUndefined();

      const lines = stderr.mock.calls.map(([chunk]) => String(chunk)).filter((l) => l.includes('record-sign-in'));
      expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['sign-in not recorded: no account record for this user', 'sign-in not recorded']);
      for (const line of lines) {
        for (const secret of [orphan, fatherId, 'pool_only', 'p_father', 'Морозов']) expect(line).not.toContain(secret);
      }
    } finally {
      stderr.mockRestore();
      await documentClient.send(new UpdateCommand({ TableName: tableName(), Key: keys.account(await userIdOf(ids.parent)), UpdateExpression: 'REMOVE signInCount' }));
    }
  });

  it('does not make the operator\'s change of the account conflict (it is not a versioned edit)', async () => {
    const operator = await signIn(stack, 'o_oper');
    const users = (await (await api(stack, '/api/users', { token: operator })).json()) as { users: { login: string; userId: string; version: number }[] };
    const petr = users.users.find((u) => u.login === 's_petr')!;
    await signIn(stack, 's_petr');
    const res = await api(stack, `/api/users/${petr.userId}/disable`, {
      token: operator,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientRequestId: randomUUID(), version: petr.version }),
    });
    expect(res.status).toBe(200);
    expect(studentIn(await usage(), ids.s2)!.account).toMatchObject({ status: 'disabled', signInCount: 1 });
  });
});

describe('a class\'s usage (AP30)', () => {
  it('lists the class\'s students and their parents with account, status, last sign-in and count, by 1 Query + 2 BatchGetItem', async () => {
    calls.reset();
    const u = await usage();
    expect(calls.snapshot()).toEqual({ Query: 1, BatchGetItem: 2 });

    expect(u.classId).toBe(ids.class5);
    // The leaver (until 30 September) is not in the class on 30 November.
    expect(u.students.map((s) => [s.lastName, s.hasAccount])).toEqual([
      ['Иванов', true],
      ['Морозова', true],
      ['Смирнова', false],
    ]);
    expect(studentIn(u, ids.s1)).toEqual({
      role: 'student',
      personId: ids.s1,
      lastName: 'Морозова',
      firstName: 'Анна',
      middleName: 'Дмитриевна',
      hasAccount: true,
      account: { status: 'active', lastSignInAt: expect.any(String), signInCount: 3 },
    });
    expect(studentIn(u, ids.s3)).toEqual({ role: 'student', personId: ids.s3, lastName: 'Смирнова', firstName: 'Ольга', middleName: 'Игоревна', hasAccount: false });
    expect(u.parents).toEqual([
      {
        role: 'parent',
        personId: ids.parent2,
        lastName: 'Иванова',
        firstName: 'Мария',
        middleName: 'Петровна',
        hasAccount: false,
        children: [{ studentId: ids.s2, relation: 'mother', lastName: 'Иванов', firstName: 'Пётр', middleName: 'Сергеевич' }],
      },
      {
        role: 'parent',
        personId: ids.parent,
        lastName: 'Морозов',
        firstName: 'Дмитрий',
        middleName: 'Игоревич',
        hasAccount: true,
        // Signed in above, but the record could not be written then.
        account: { status: 'active', signInCount: 0 },
        children: [{ studentId: ids.s1, relation: 'father', lastName: 'Морозова', firstName: 'Анна', middleName: 'Дмитриевна' }],
      },
    ]);
  });

  it('an empty class costs one Query', async () => {
    calls.reset();
    expect(await getClassUsage('c-2026-09-Я', ON)).toEqual({ classId: 'c-2026-09-Я', students: [], parents: [] });
    expect(calls.snapshot()).toEqual({ Query: 1 });
  });
});

describe('batchGetItems', () => {
  it('asks 100 keys a call, each key once, and returns what exists', async () => {
    for (let i = 0; i < 150; i++) {
      await documentClient.send(new PutCommand({ TableName: tableName(), Item: { pk: `TESTBATCH#${i}`, sk: 'X', n: i, status: 'x' } }));
    }
    const wanted = [...Array.from({ length: 150 }, (_, i) => ({ pk: `TESTBATCH#${i}`, sk: 'X' })), { pk: 'TESTBATCH#0', sk: 'X' }, { pk: 'TESTBATCH#none', sk: 'X' }];
    calls.reset();
    const found = await batchGetItems(wanted, { attributes: ['n', 'status'] });
    expect(calls.snapshot()).toEqual({ BatchGetItem: 2 });
    expect(found.map((f) => f.n as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(found[0]).toEqual({ n: expect.any(Number), status: 'x' });
  });

  it('asks again for the keys DynamoDB left unprocessed', async () => {
    const send = documentClient.send.bind(documentClient);
    const asked: number[] = [];
    const spy = vi.spyOn(documentClient, 'send').mockImplementation((async (command: BatchGetCommand) => {
      const request = command.input.RequestItems![tableName()]!;
      asked.push(request.Keys!.length);
      if (asked.length === 1) {
        // The first answer: two keys done, the rest left over (as under throttling).
        const out = await send(new BatchGetCommand({ RequestItems: { [tableName()]: { ...request, Keys: request.Keys!.slice(0, 2) } } }));
        return { ...out, UnprocessedKeys: { [tableName()]: { ...request, Keys: request.Keys!.slice(2) } } };
      }
      return send(command);
    }) as never);
    try {
      const found = await batchGetItems(Array.from({ length: 5 }, (_, i) => ({ pk: `TESTBATCH#${i}`, sk: 'X' })));
      expect(asked).toEqual([5, 3]);
      expect(found.map((f) => f.n).sort()).toEqual([0, 1, 2, 3, 4]);
    } finally {
      spy.mockRestore();
    }
  });
});
