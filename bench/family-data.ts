/**
 * The family's side with homework files in it (issue 10: the diary is measured "with homework
 * files in the data"): the benchmark's week gets a file attached to the homework of each of its
 * first lessons with homework, as a teacher's attach would leave the lesson item (the diary reads
 * the file list from the lesson; the bytes are only reached through a download link, which the
 * diary page does not ask for). Idempotent: the same files each run.
 */
import { createHash } from 'node:crypto';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_TABLE_NAME } from '#shared/table/definition.ts';
import { keys, RANGE_END } from '#functions/data/keys.ts';

const FILES_PER_WEEK = 8;

export async function attachWeekHomeworkFiles(client: DynamoDBDocumentClient, classId: string, week: { monday: string; sunday: string }): Promise<number> {
  const out = await client.send(
    new QueryCommand({
      TableName: LOCAL_TABLE_NAME,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.lessonByClass(classId, week.monday, 0, '').gsi3pk, ':from': week.monday, ':to': `${week.sunday}${RANGE_END}` },
    }),
  );
  const lessons = (out.Items ?? []).filter((l) => l.type === 'Lesson' && l.homework).slice(0, FILES_PER_WEEK);
  for (const l of lessons) {
    const h = createHash('sha256').update(String(l.id)).digest('hex');
    const id = `hf-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    await client.send(
      new UpdateCommand({
        TableName: LOCAL_TABLE_NAME,
        Key: { pk: l.pk, sk: l.sk },
        UpdateExpression: 'SET homeworkFiles = :files',
        ExpressionAttributeValues: {
          ':files': [{ id, name: 'Задание к уроку.pdf', contentType: 'application/pdf', size: 48_213, uploadedAt: `${l.date}T12:00:00.000Z`, uploadedBy: l.teacherId }],
        },
      }),
    );
  }
  return lessons.length;
}
