import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalMarkSchema, lessonSchema } from '#shared/domain/index.ts';
import { lessonIdOf } from '#shared/domain/lesson-id.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { startTestStack } from '../../support/local-stack.ts';
import { countDynamoCalls } from '../../support/call-counter.ts';
import { ids, writeFixtureSchool } from '../../support/fixture-school.ts';

let stack: LocalStack;
const calls = countDynamoCalls();
beforeAll(async () => {
  stack = await startTestStack({ prepare: writeFixtureSchool });
}, 120_000);
afterAll(() => stack?.close());

async function once<T>(read: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }> {
  calls.reset();
  const result = await read();
  return { result, calls: calls.snapshot() };
}

describe('the remaining access patterns, one query each', () => {
  it('AP5 a teacher’s lessons for a week include a lesson they substitute, and not the one they handed over', async () => {
    const { getTeacherLessons } = await import('#functions/data/journal-repository.ts');
    const sub = await once(() => getTeacherLessons(ids.substitute, '2026-11-23', '2026-11-29'));
    expect(sub.result.map((l) => l.date)).toEqual(['2026-11-25']);
    expect(sub.calls).toEqual({ Query: 1 });
    const own = await getTeacherLessons(ids.teacher, '2026-11-23', '2026-11-29');
    // Her own: the 23rd, the 24th and the cancelled lesson of the 26th (still hers, nothing to keep).
    expect(own.map((l) => l.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-26']);
  });

  it('AP6 lessons past their fill deadline (п. 5.2), school-wide, by the day the deadline passed', async () => {
    const { documentClient } = await import('#functions/lib/dynamo-client.ts');
    const { lessonItem, listUnfilledLessons } = await import('#functions/data/journal-repository.ts');
    const id = lessonIdOf({ groupId: ids.class5, subjectId: ids.math, date: '2026-11-26', slot: 4 });
    const unfilled = lessonSchema.parse({
      id, academicYearId: '2026-2027', date: '2026-11-26', slot: 4, classId: ids.class5, subjectId: ids.math, teacherId: ids.teacher, status: 'planned', version: 1,
    });
    await documentClient.send(new BatchWriteCommand({ RequestItems: { klassny: [{ PutRequest: { Item: lessonItem(unfilled, { lastDay: '2026-11-28' }) } }] } }));
    const { result, calls: c } = await once(() => listUnfilledLessons('2026-11-28', '2026-11-28'));
    expect(result.map((l) => l.id)).toEqual([id]);
    expect(c).toEqual({ Query: 1 });
    expect(await listUnfilledLessons('2026-11-27', '2026-11-27')).toEqual([]);
  });

  it('AP7 final marks of a class for a period, and AP3b a student’s final marks', async () => {
    const { documentClient } = await import('#functions/lib/dynamo-client.ts');
    const { finalMarkItem, getClassFinalMarks, getStudentFinalMarks } = await import('#functions/data/records-repository.ts');
    const mark = finalMarkSchema.parse({
      studentId: ids.s1, subjectId: ids.math, studyPeriodId: '2026-2027-q1', classId: ids.class5, groupId: ids.class5, value: '5', version: 1, setBy: ids.teacher, setAt: '2026-10-25T10:00:00.000Z',
    });
    await documentClient.send(new BatchWriteCommand({ RequestItems: { klassny: [{ PutRequest: { Item: finalMarkItem(mark, '2026-10-24') } }] } }));
    const cls = await once(() => getClassFinalMarks(ids.class5, '2026-2027-q1'));
    expect(cls.result).toEqual([mark]);
    expect(cls.calls).toEqual({ Query: 1 });
    const own = await once(() => getStudentFinalMarks(ids.s1, '2026-2027-q1'));
    expect(own.result.map((m) => m.value)).toEqual(['5']);
    expect(own.calls).toEqual({ Query: 1 });
  });

  it('AP9 a user’s messages, newest first', async () => {
    const { documentClient } = await import('#functions/lib/dynamo-client.ts');
    const { getInbox, inboxItem } = await import('#functions/data/records-repository.ts');
    const entry = (n: number) => ({ messageId: `msg-${n}`, threadId: 'thr-1', senderId: ids.teacher, senderName: 'Кузнецова М. А.', subject: `Тема ${n}`, sentAt: `2026-11-2${n}T10:00:00.000Z` });
    await documentClient.send(
      new BatchWriteCommand({
        RequestItems: {
          klassny: [
            ...[1, 2, 3].map((n) => ({ PutRequest: { Item: inboxItem(ids.parent, entry(n)) } })),
          ],
        },
      }),
    );
    const inbox = await once(() => getInbox(ids.parent, 2));
    expect(inbox.result.map((m) => m.subject)).toEqual(['Тема 3', 'Тема 2']);
    expect(inbox.calls).toEqual({ Query: 1 });
  });
});
