import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from '#functions/lib/ses-client.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import type { QueuedMail } from '#functions/data/mail-queue-repository.ts';
import { readReportFile } from '#functions/data/report-file-store.ts';

/** One SES v2 SendEmail with the mail's attachments. Returns SES's message id. */
export async function sendMail(mail: QueuedMail): Promise<string> {
  const env = functionEnv();
  const stored = await Promise.all(
    (mail.storedAttachments ?? []).map(async (a) => ({ FileName: a.fileName, ContentType: a.contentType, RawContent: await readReportFile(a.key) })),
  );
  const attachments = [
    ...(mail.attachments ?? []).map((a) => ({ FileName: a.fileName, ContentType: a.contentType, RawContent: Buffer.from(a.contentBase64, 'base64') })),
    ...stored,
  ];
  const out = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: env.MAIL_FROM,
      Destination: { ToAddresses: mail.to },
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: mail.text, Charset: 'UTF-8' },
            ...(mail.html ? { Html: { Data: mail.html, Charset: 'UTF-8' } } : {}),
          },
          ...(attachments.length ? { Attachments: attachments } : {}),
        },
      },
    }),
  );
  return out.MessageId ?? 'unknown';
}
