import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_HOMEWORK_FILE_BYTES } from '#shared/domain/homework-file-types.ts';
import { presignUpload } from '#functions/data/homework-file-store.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { createFixtureAccounts, lessons, writeFixtureSchool, type FixtureLogin } from '../../support/fixture-school.ts';

/**
 * Homework files (п. 2.5) through the API and the storage stand-in, as the teacher's browser and
 * a parent's phone use them: an upload asked for, the file PUT to the single-use URL, attached
 * after the API has checked what landed, downloaded through a short-lived link. Bad input is
 * refused with a Russian message and leaves nothing behind.
 */
let stack: LocalStack;
const tokens = new Map<string, string>();
beforeAll(async () => {
  stack = await startTestStack({ dynamo: { conflicts: true }, prepare: async () => (await writeFixtureSchool(), await createFixtureAccounts()) });
}, 120_000);
afterAll(() => stack?.close());

async function call(login: FixtureLogin, method: string, path: string, body?: unknown) {
  if (!tokens.has(login)) tokens.set(login, await signIn(stack, login));
  const res = await api(stack, path, {
    method,
    token: tokens.get(login)!,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const enc = encodeURIComponent;
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const lesson = lessons.math5b;
const ask = (body: object, lessonId = lesson) => call('t_math5', 'POST', `/api/lessons/${enc(lessonId)}/homework-uploads`, body);
const put = (upload: { url: string; headers: Record<string, string> }, bytes: Buffer) => fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
const versionOf = async (lessonId = lesson) => (await call('t_math5', 'GET', `/api/lessons/${enc(lessonId)}`)).body.lesson.version as number;
const attach = async (uploadId: string, expectedVersion?: number, lessonId = lesson) =>
  call('t_math5', 'POST', `/api/lessons/${enc(lessonId)}/homework-files`, { clientRequestId: randomUUID(), uploadId, expectedVersion: expectedVersion ?? (await versionOf(lessonId)) });

describe('homework files (п. 2.5)', () => {
  it('the teacher attaches a PDF; the class’s parent downloads it under its name; a retry attaches it once', async () => {
    const upload = await ask({ fileName: 'Задание к уроку 24.11.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ method: 'PUT', contentType: 'application/pdf', fileName: 'Задание к уроку 24.11.pdf', headers: { 'if-none-match': '*' } });
    // No checksum of an empty body signed into the URL (the SDK's default): the real file would not match it.
    expect(upload.body.url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum/i);
    expect((await put(upload.body, PDF)).status).toBe(200);
    const version = await versionOf();
    const body = { clientRequestId: randomUUID(), uploadId: upload.body.uploadId, expectedVersion: version };
    const attached = await call('t_math5', 'POST', `/api/lessons/${enc(lesson)}/homework-files`, body);
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    expect(attached.body.lesson.version).toBe(version + 1);
    expect(attached.body.lesson.homeworkFiles).toEqual([expect.objectContaining({ id: upload.body.uploadId, name: 'Задание к уроку 24.11.pdf', size: PDF.length })]);
    // The same request again (its answer was lost): the same answer, nothing added.
    const again = await call('t_math5', 'POST', `/api/lessons/${enc(lesson)}/homework-files`, body);
    expect(again.status).toBe(200);
    expect(again.body.lesson.homeworkFiles).toHaveLength(1);

    const link = await call('p_father', 'GET', `/api/lessons/${enc(lesson)}/homework-files/${upload.body.uploadId}`);
    expect(link.status).toBe(200);
    const file = await fetch(link.body.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain('Задание к уроку 24.11.pdf');
    // The lesson's page shows the file (the diary reads the same item).
    expect((await call('t_math5', 'GET', `/api/lessons/${enc(lesson)}`)).body.lesson.homeworkFiles).toHaveLength(1);
  });

  it('an attach on a version the lesson no longer has: 409 with the lesson’s version now; the same upload then goes in', async () => {
    const upload = await ask({ fileName: 'Повтор.pdf', contentType: 'application/pdf', size: PDF.length });
    expect((await put(upload.body, PDF)).status).toBe(200);
    const version = await versionOf();
    const stale = await attach(upload.body.uploadId, version - 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.version).toBe(version);
    const fresh = await attach(upload.body.uploadId, stale.body.error.details.current.version);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect(fresh.body.lesson.homeworkFiles.map((f: any) => f.name)).toContain('Повтор.pdf');
  });

  it('a type that is no homework file, or over 10 MB: refused before anything is stored', async () => {
    const html = await ask({ fileName: 'page.html', contentType: 'text/html', size: 100 });
    expect(html.status).toBe(400);
    expect(html.body.error.fields[0]).toMatchObject({ path: 'body.fileName', message: expect.stringContaining('Такой файл приложить нельзя') });
    const disguised = await ask({ fileName: 'page.html', contentType: 'application/pdf', size: 100 });
    expect(disguised.status).toBe(400);
    const big = await ask({ fileName: 'Видео.pdf', contentType: 'application/pdf', size: MAX_HOMEWORK_FILE_BYTES + 1 });
    expect(big.status).toBe(400);
    expect(big.body.error.fields[0].message).toContain('10,0 МБ');
  });

  it('an upload URL works once: the second PUT is refused by storage, and an upload is attached once', async () => {
    const upload = await ask({ fileName: 'Однажды.pdf', contentType: 'application/pdf', size: PDF.length });
    expect((await put(upload.body, PDF)).status).toBe(200);
    expect((await put(upload.body, PDF)).status).toBe(412);
    // Two attaches of it at the same moment: one goes in, the other is told it is gone or the lesson changed — never a 500.
    const version = await versionOf();
    const [a, b] = await Promise.all([attach(upload.body.uploadId, version), attach(upload.body.uploadId, version)]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(won.status).toBe(200);
    expect([404, 409]).toContain(lost.status);
    const files = (await call('t_math5', 'GET', `/api/lessons/${enc(lesson)}`)).body.lesson.homeworkFiles;
    expect(files.filter((f: any) => f.id === upload.body.uploadId)).toHaveLength(1);
  });

  it('an expired upload URL, a file other than declared, a file never uploaded: refused, nothing attached', async () => {
    // Signed 20 minutes ago: its 15 minutes are over.
    const stale = await presignUpload(`hf-${randomUUID()}`, 'application/pdf', PDF.length, new Date(Date.now() - 20 * 60_000));
    expect((await put(stale, PDF)).status).toBe(403);

    const png = await ask({ fileName: 'Не PDF.pdf', contentType: 'application/pdf', size: PNG.length });
    expect((await put(png.body, PNG)).status).toBe(200);
    const refused = await attach(png.body.uploadId);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('не похож на PDF');

    const never = await ask({ fileName: 'Забыли.pdf', contentType: 'application/pdf', size: PDF.length });
    const missing = await attach(never.body.uploadId);
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain('не дошёл');

    const files = (await call('t_math5', 'GET', `/api/lessons/${enc(lesson)}`)).body.lesson.homeworkFiles ?? [];
    expect(files.map((f: any) => f.name)).not.toContain('Не PDF.pdf');
  });

  it('the teacher takes a file off: it is no longer offered, and its link is refused', async () => {
    const lessonId = lessons.math5cancelled;
    const upload = await ask({ fileName: 'Лишний.txt', contentType: 'text/plain', size: 9 }, lessonId);
    expect((await put(upload.body, Buffer.from('Упр. 5'))).status).toBe(200);
    const attached = await attach(upload.body.uploadId, undefined, lessonId);
    expect(attached.status).toBe(200);
    const removed = await call('t_math5', 'POST', `/api/lessons/${enc(lessonId)}/homework-files/${upload.body.uploadId}/remove`, {
      clientRequestId: randomUUID(),
      expectedVersion: attached.body.lesson.version,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.lesson.homeworkFiles).toEqual([]);
    const link = await call('s_anna', 'GET', `/api/lessons/${enc(lessonId)}/homework-files/${upload.body.uploadId}`);
    expect(link.status).toBe(404);
    expect(link.body.error.message).toContain('Такого файла у задания нет');
  });
});
