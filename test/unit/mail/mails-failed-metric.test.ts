/**
 * An e-mail given up on after its last attempt is counted as the business metric MailsFailed
 * (the operations alarm reads it, infra/lib/operations-alarms.ts); a failure that will be retried
 * is not. The queue and SES are stand-ins here; the EMF line is read back from stdout.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueuedMail } from '#functions/data/mail-queue-repository.ts';

const queue: QueuedMail[] = [];
const failed: { mailId: string; retryAt: Date | undefined }[] = [];
vi.mock('#functions/data/mail-queue-repository.ts', () => ({
  listDueMail: async () => queue.splice(0),
  claimMail: async () => true,
  markMailSent: async () => {},
  markMailFailed: async (mailId: string, _error: string, retryAt: Date | undefined) => void failed.push({ mailId, retryAt }),
}));
vi.mock('#functions/data/job-lease-repository.ts', () => ({ takeLease: async () => undefined }));
vi.mock('#functions/mail/send-mail.ts', () => ({
  sendMail: async () => {
    throw Object.assign(new Error('Address rejected'), { name: 'BadRequestException' });
  },
}));

let deliverMail: typeof import('#functions/scheduled/deliver-mail.ts');
beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.SCHOOL_ID = 'demo';
  deliverMail = await import('#functions/scheduled/deliver-mail.ts');
});

const mail = (mailId: string, attempts: number): QueuedMail =>
  ({ mailId, to: ['parent@school.example'], subject: 'Отметка', text: '…', purpose: 'test', status: 'pending', attempts, createdAt: '2026-12-06T10:00:00.000Z' }) as QueuedMail;

async function metricsOfRun(): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await deliverMail.handler();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((c) => c.split('\n')).filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('MailsFailed', () => {
  it('counts a mail given up on after its last attempt, not one that will be retried', async () => {
    queue.push(mail('mail-retry', 0), mail('mail-last', deliverMail.MAX_ATTEMPTS - 1));
    const emf = await metricsOfRun();
    expect(failed.map((f) => [f.mailId, f.retryAt === undefined])).toEqual([
      ['mail-retry', false],
      ['mail-last', true],
    ]);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ MailsFailed: 1, school: 'demo', service: 'klassny' });
  });

  it('a run where every mail goes out or is retried writes no metric line', async () => {
    queue.push(mail('mail-again', 1));
    expect(await metricsOfRun()).toEqual([]);
  });
});
