import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '#infra/local/stack.ts';
import { startTestStack } from '../../support/local-stack.ts';

let stack: LocalStack;
beforeAll(async () => {
  // Conflicts as AWS has them: two runs claiming one mail at once meet on the same item.
  stack = await startTestStack({ seed: false, dynamo: { conflicts: true } });
}, 60_000);
afterAll(() => stack?.close());

async function outbox() {
  return (await (await fetch(`http://127.0.0.1:${stack.port}/outbox/messages.json`)).json()) as {
    id: string;
    to: string[];
    subject: string;
    text: string;
    attachments: { fileName: string; contentType: string; size: number }[];
  }[];
}

describe('queued e-mail is delivered by the scheduled deliver-mail function through SES v2', () => {
  it('sends a queued mail with its attachment once, and the outbox page shows it', async () => {
    const { enqueueMail } = await import('#functions/data/mail-queue-repository.ts');
    const csv = Buffer.from('Класс;Предмет\n5А;Математика\n').toString('base64');
    await enqueueMail({
      mailId: 'mail-1',
      to: ['director@school.example'],
      subject: 'Справка о ведении журнала',
      text: 'Во вложении справка.',
      attachments: [{ fileName: 'справка.csv', contentType: 'text/csv', contentBase64: csv }],
      purpose: 'test',
    });
    // Retried enqueue of the same mail is applied once.
    await enqueueMail({ mailId: 'mail-1', to: ['director@school.example'], subject: 'x', text: 'x', purpose: 'test' });

    expect(await stack.runJob('deliver-mail')).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const messages = await outbox();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ to: ['director@school.example'], subject: 'Справка о ведении журнала', text: 'Во вложении справка.' });
    expect(messages[0]!.attachments).toEqual([{ fileName: 'справка.csv', contentType: 'text/csv', size: Buffer.from(csv, 'base64').length }]);

    const file = await fetch(`http://127.0.0.1:${stack.port}/outbox/${messages[0]!.id}/attachments/0`);
    expect(await file.text()).toContain('5А;Математика');
    const page = await (await fetch(`http://127.0.0.1:${stack.port}/outbox/`)).text();
    expect(page).toContain('Справка о ведении журнала');

    // Nothing left to send: a second run sends nothing and the outbox keeps one message.
    expect(await stack.runJob('deliver-mail')).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(await outbox()).toHaveLength(1);
  });

  it('two runs at the same moment (EventBridge may deliver a schedule twice, or runs overlap): each mail goes out once', async () => {
    const { enqueueMail } = await import('#functions/data/mail-queue-repository.ts');
    for (let i = 0; i < 6; i++) await enqueueMail({ mailId: `twice-${i}`, to: [`parent${i}@school.example`], subject: `Письмо ${i}`, text: '…', purpose: 'test' });
    const [a, b] = (await Promise.all([stack.runJob('deliver-mail'), stack.runJob('deliver-mail')])) as { sent: number; failed: number }[];
    expect(a!.sent + b!.sent).toBe(6);
    expect(a!.failed + b!.failed).toBe(0);
    const sent = (await outbox()).map((m) => m.subject).filter((s) => s.startsWith('Письмо')).sort();
    expect(sent).toEqual(['Письмо 0', 'Письмо 1', 'Письмо 2', 'Письмо 3', 'Письмо 4', 'Письмо 5']);
  });

  it('a mail SES refuses is kept and retried later, not lost', async () => {
    const { enqueueMail } = await import('#functions/data/mail-queue-repository.ts');
    const { documentClient } = await import('#functions/lib/dynamo-client.ts');
    await enqueueMail({ mailId: 'mail-bad', to: [], subject: 'Нет адресата', text: '…', purpose: 'test' });
    expect(await stack.runJob('deliver-mail')).toMatchObject({ sent: 0, failed: 1 });
    const item = (await documentClient.send(new GetCommand({ TableName: 'klassny', Key: { pk: 'MAIL#mail-bad', sk: 'MAIL' } }))).Item!;
    expect(item).toMatchObject({ status: 'pending', attempts: 1, lastError: 'BadRequestException' });
    expect(new Date(item.dueAt).getTime()).toBeGreaterThan(Date.now());
  });
});
