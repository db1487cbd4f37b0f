import type { IncomingMessage, ServerResponse } from 'node:http';
import { simpleParser, type AddressObject } from 'mailparser';
import type { OutboxStore } from './outbox-store.ts';

type SendEmailRequest = {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: {
    Simple?: {
      Subject?: { Data?: string };
      Body?: { Text?: { Data?: string }; Html?: { Data?: string } };
      Attachments?: { RawContent?: string; FileName?: string; ContentType?: string }[];
    };
    Raw?: { Data?: string };
    Template?: unknown;
  };
};

/**
 * The SES v2 SendEmail operation (`POST /v2/email/outbound-emails`, REST-JSON), keeping each
 * message in the outbox instead of delivering it. Simple and Raw (MIME) content are accepted.
 */
export function createSesV2Endpoint(store: OutboxStore) {
  return async function handle(req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> {
    if (req.method !== 'POST' || subPath !== '/v2/email/outbound-emails') {
      return sesError(res, 404, 'NotFoundException', 'Only SendEmail is offered by the local SES stand-in.');
    }
    let request: SendEmailRequest;
    try {
      request = JSON.parse((await readAll(req)).toString('utf8')) as SendEmailRequest;
    } catch {
      return sesError(res, 400, 'BadRequestException', 'Malformed JSON');
    }
    const content = request.Content ?? {};
    let message: Parameters<OutboxStore['add']>[0];
    let files: Parameters<OutboxStore['add']>[1] = [];
    if (content.Simple) {
      const simple = content.Simple;
      if (!request.FromEmailAddress) return sesError(res, 400, 'BadRequestException', 'FromEmailAddress is required');
      if (!simple.Subject?.Data) return sesError(res, 400, 'BadRequestException', 'Subject is required');
      message = {
        from: request.FromEmailAddress,
        to: request.Destination?.ToAddresses ?? [],
        cc: request.Destination?.CcAddresses ?? [],
        bcc: request.Destination?.BccAddresses ?? [],
        subject: simple.Subject.Data,
        text: simple.Body?.Text?.Data,
        html: simple.Body?.Html?.Data,
      };
      files = (simple.Attachments ?? []).map((a, i) => ({
        fileName: a.FileName ?? `attachment-${i + 1}`,
        contentType: a.ContentType ?? 'application/octet-stream',
        content: Buffer.from(a.RawContent ?? '', 'base64'),
      }));
    } else if (content.Raw?.Data) {
      const parsed = await simpleParser(Buffer.from(content.Raw.Data, 'base64'));
      const addresses = (a: AddressObject | AddressObject[] | undefined) =>
        [a ?? []].flat().flatMap((o) => o.value.map((v) => v.address ?? '')).filter(Boolean);
      message = {
        from: request.FromEmailAddress ?? addresses(parsed.from)[0] ?? '',
        to: request.Destination?.ToAddresses ?? addresses(parsed.to),
        cc: request.Destination?.CcAddresses ?? addresses(parsed.cc),
        bcc: request.Destination?.BccAddresses ?? [],
        subject: parsed.subject ?? '',
        text: parsed.text,
        html: typeof parsed.html === 'string' ? parsed.html : undefined,
      };
      files = parsed.attachments.map((a, i) => ({ fileName: a.filename ?? `attachment-${i + 1}`, contentType: a.contentType, content: a.content }));
    } else {
      return sesError(res, 400, 'BadRequestException', 'Content.Simple or Content.Raw is required (templates are not offered locally)');
    }
    if (message.to.length + message.cc.length + message.bcc.length === 0) {
      return sesError(res, 400, 'BadRequestException', 'At least one destination is required');
    }
    const saved = await store.add(message, files);
    const body = JSON.stringify({ MessageId: `local-${saved.id}` });
    res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': saved.id });
    res.end(body);
  };
}

function sesError(res: ServerResponse, status: number, type: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  res.end(JSON.stringify({ message }));
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
