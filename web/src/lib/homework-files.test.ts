import { describe, expect, it, vi } from 'vitest';
import { HOMEWORK_FILE_TYPES, MAX_HOMEWORK_FILE_BYTES } from '#shared/domain/homework-file-types.ts';
import { createApiClient } from './api.ts';
import {
  HOMEWORK_ACCEPT,
  HOMEWORK_FILES_HINT,
  HOMEWORK_FILE_MESSAGES,
  HOMEWORK_TYPES_TEXT,
  HomeworkFileError,
  checkHomeworkFile,
  fileFacts,
  fileLabel,
  filesOf,
  openHomeworkFile,
  removeHomeworkFile,
  uploadHomeworkFile,
} from './homework-files.ts';

const LESSON = 'c-2026-05-А.sub-math.2026-11-23.2';
const LESSON_PATH = '/api/lessons/c-2026-05-%D0%90.sub-math.2026-11-23.2';
const UPLOAD_URL = 'http://127.0.0.1:3000/s3/klassny-files/pending/hf-1?X-Amz-Signature=abc';

type Call = { method: string; url: string; headers: Record<string, string>; body: unknown };
type Reply = Response | Error | ((call: Call) => Response);

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const apiError = (status: number, code: string, message: string, details?: Record<string, unknown>) =>
  json({ error: { code, message, requestId: 'r-1', ...(details ? { details } : {}) } }, status);
const s3Error = (status: number, code: string) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>Access Denied</Message></Error>`, {
    status,
    headers: { 'Content-Type': 'application/xml' },
  });

/**
 * One fetch for the API and storage alike, answering from a script in the order of the calls;
 * each call is recorded (method, URL, headers, body as sent).
 */
function fakeFetch(script: Reply[]) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
    const raw = init?.body;
    const body = typeof raw === 'string' ? JSON.parse(raw) : raw;
    const call: Call = { method: init?.method ?? 'GET', url: String(input), headers, body };
    calls.push(call);
    const next = script.shift();
    if (next === undefined) throw new Error(`no answer scripted for ${call.method} ${call.url}`);
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(call) : next;
  };
  const api = createApiClient({ baseUrl: '', fetch: fetchFn, auth: { accessToken: async () => 't1', refresh: async () => false }, onUnauthenticated: () => {} });
  return { api, fetch: fetchFn, calls };
}

const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const pdf = (name = 'Задачи.pdf', type = 'application/pdf') => new File([pdfBytes], name, { type });

const upload = (id = 'hf-1') =>
  json(
    {
      uploadId: id,
      url: UPLOAD_URL,
      method: 'PUT',
      headers: { 'content-type': 'application/pdf', 'if-none-match': '*', 'Content-Length': String(pdfBytes.length) },
      expiresAt: '2026-11-23T10:15:00.000Z',
      fileName: 'Задачи.pdf',
      contentType: 'application/pdf',
    },
    201,
  );

const storedFile = (id = 'hf-1') => ({
  id,
  name: 'Задачи.pdf',
  contentType: 'application/pdf',
  size: pdfBytes.length,
  uploadedAt: '2026-11-23T10:01:00.000Z',
  uploadedBy: 'p-teacher',
});
const lessonWith = (version: number, ids: string[] = ['hf-1']) => ({ lesson: { id: LESSON, version, homeworkFiles: ids.map(storedFile) }, replayed: false });

describe('what the page tells before anything is sent', () => {
  it('takes the allowed types, by the browser’s type or, when it has none, by the extension', () => {
    expect(checkHomeworkFile({ name: 'Задачи.pdf', type: 'application/pdf', size: 1000 }, 0)).toMatchObject({ ok: true, type: { label: 'PDF' } });
    expect(checkHomeworkFile({ name: 'Таблица.xlsx', type: '', size: 1000 }, 0)).toMatchObject({ ok: true, type: { label: 'Excel' } });
    expect(checkHomeworkFile({ name: 'Фото.JPG', type: 'image/jpeg', size: 1000 }, 9)).toMatchObject({ ok: true, type: { label: 'JPEG' } });
  });

  it('refuses another type naming the allowed ones, a file over 10 МБ, an empty one, an 11th', () => {
    const refused = checkHomeworkFile({ name: 'script.html', type: 'text/html', size: 100 }, 0);
    expect(refused).toEqual({ ok: false, message: 'Такой файл приложить нельзя. Можно: PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG, текст.' });
    // A name that does not fit its declared type is refused too (the API decides the same way).
    expect(checkHomeworkFile({ name: 'photo.pdf', type: 'image/png', size: 100 }, 0)).toMatchObject({ ok: false, message: HOMEWORK_FILE_MESSAGES.type });
    expect(checkHomeworkFile({ name: 'Видео.pdf', type: 'application/pdf', size: MAX_HOMEWORK_FILE_BYTES + 1 }, 0)).toEqual({
      ok: false,
      message: 'Файл больше 10 МБ — такой приложить нельзя.',
    });
    expect(checkHomeworkFile({ name: 'Ровно.pdf', type: 'application/pdf', size: MAX_HOMEWORK_FILE_BYTES }, 0)).toMatchObject({ ok: true });
    expect(checkHomeworkFile({ name: 'Пусто.txt', type: 'text/plain', size: 0 }, 0)).toMatchObject({ ok: false, message: HOMEWORK_FILE_MESSAGES.empty });
    expect(checkHomeworkFile({ name: 'Одиннадцатый.pdf', type: 'application/pdf', size: 10 }, 10)).toEqual({
      ok: false,
      message: 'К уроку уже приложено 10 файлов — больше нельзя.',
    });
  });

  it('the hint, the types named and the input’s accept agree with the shared list', () => {
    expect(HOMEWORK_FILES_HINT).toBe('PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG, текст — до 10 МБ, не больше 10 файлов');
    expect(new Set(HOMEWORK_TYPES_TEXT.split(', '))).toEqual(new Set(HOMEWORK_FILE_TYPES.map((t) => t.label)));
    const accept = HOMEWORK_ACCEPT.split(',');
    expect(accept).toEqual(expect.arrayContaining(['.pdf', '.docx', '.doc', '.xlsx', '.pptx', '.odt', '.jpg', '.jpeg', '.png', '.txt']));
    expect(accept).toHaveLength(HOMEWORK_FILE_TYPES.flatMap((t) => t.extensions).length);
    expect(accept).not.toContain('.html');
  });

  it('names a file with its type and size, as the diary shows it', () => {
    expect(fileLabel({ name: 'Задачи.pdf', contentType: 'application/pdf', size: 1_258_291 })).toBe('Задачи.pdf (PDF, 1,2 МБ)');
    expect(fileFacts({ name: 'Правило.txt', contentType: 'text/plain', size: 2048 })).toBe('текст, 2 КБ');
    expect(fileFacts({ name: 'Доклад.odp', contentType: 'application/vnd.oasis.opendocument.presentation', size: 300 })).toBe('OpenDocument, 1 КБ');
    expect(filesOf({})).toEqual([]);
    expect(filesOf({ homeworkFiles: [storedFile()] })).toEqual([{ id: 'hf-1', name: 'Задачи.pdf', contentType: 'application/pdf', size: pdfBytes.length }]);
  });
});

describe('uploading a file: the upload asked for, the bytes to storage, the file attached', () => {
  it('goes through the three steps in order, with the headers the upload was signed with', async () => {
    const { api, fetch, calls } = fakeFetch([upload(), new Response(null, { status: 200 }), json(lessonWith(8))]);
    let queued = 0;
    const exclusive = <T,>(run: () => Promise<T>): Promise<T> => {
      queued += 1;
      return run();
    };
    const result = await uploadHomeworkFile({ api, fetch }, { lessonId: LESSON, file: pdf(), attached: 0, version: () => 7, exclusive });

    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST ${LESSON_PATH}/homework-uploads`, `PUT ${UPLOAD_URL}`, `POST ${LESSON_PATH}/homework-files`]);
    expect(calls[0]?.body).toEqual({ fileName: 'Задачи.pdf', contentType: 'application/pdf', size: pdfBytes.length });
    expect(calls[0]?.headers['authorization']).toBe('Bearer t1');
    // Storage gets the file itself with the signed headers — no token, no Content-Length of our own.
    const put = calls[1] as Call;
    expect(put.headers).toEqual({ 'content-type': 'application/pdf', 'if-none-match': '*' });
    expect(put.body).toBeInstanceOf(File);
    expect(new Uint8Array(await (put.body as File).arrayBuffer())).toEqual(pdfBytes);
    expect(calls[2]?.body).toMatchObject({ uploadId: 'hf-1', expectedVersion: 7, clientRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // Only the attach changes the lesson: it runs in the editor's queue.
    expect(queued).toBe(1);
    expect(result).toEqual({ lesson: lessonWith(8).lesson, basedOn: 7 });
  });

  it('a file the page refuses asks for nothing', async () => {
    const { api, fetch, calls } = fakeFetch([]);
    const html = new File(['<script>alert(1)</script>'], 'script.html', { type: 'text/html' });
    await expect(uploadHomeworkFile({ api, fetch }, { lessonId: LESSON, file: html, attached: 0, version: () => 1 })).rejects.toMatchObject({
      name: 'HomeworkFileError',
      step: 'check',
      message: HOMEWORK_FILE_MESSAGES.type,
    });
    expect(calls).toEqual([]);
  });

  it('the API’s own refusal of the upload is shown as it comes', async () => {
    const { api, fetch, calls } = fakeFetch([apiError(400, 'VALIDATION_FAILED', 'Файл больше 10 МБ: уменьшите его или разделите')]);
    const error = await uploadHomeworkFile({ api, fetch }, { lessonId: LESSON, file: pdf(), attached: 0, version: () => 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HomeworkFileError);
    expect(error).toMatchObject({ step: 'create', message: 'Файл больше 10 МБ: уменьшите его или разделите', apiError: { status: 400 } });
    expect(calls).toHaveLength(1);
  });

  it.each([
    [412, 'PreconditionFailed', HOMEWORK_FILE_MESSAGES.staleLink],
    [403, 'AccessDenied', HOMEWORK_FILE_MESSAGES.staleLink],
    [500, 'InternalError', HOMEWORK_FILE_MESSAGES.storage],
  ])('storage answering %i (%s) → one Russian message, never its XML, and no attach', async (status, code, message) => {
    const { api, fetch, calls } = fakeFetch([upload(), s3Error(status, code)]);
    const error = await uploadHomeworkFile({ api, fetch }, { lessonId: LESSON, file: pdf(), attached: 0, version: () => 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ step: 'upload', message });
    expect((error as Error).message).not.toMatch(/<|Error|Access/);
    expect(calls).toHaveLength(2);
  });

  it('the stale link’s message is the one the teacher can act on', () => {
    expect(HOMEWORK_FILE_MESSAGES.staleLink).toBe('Ссылка для загрузки устарела или уже использована — выберите файл ещё раз.');
  });

  it.each([
    ['asking for the upload', [new TypeError('Failed to fetch')]],
    ['putting the bytes', [upload(), new TypeError('Failed to fetch')]],
    ['attaching', [upload(), new Response(null, { status: 200 }), new TypeError('Failed to fetch')]],
  ])('no network while %s → «Нет связи: файл не загружен»', async (_, script) => {
    const { api, fetch } = fakeFetch(script as Reply[]);
    await expect(uploadHomeworkFile({ api, fetch }, { lessonId: LESSON, file: pdf(), attached: 0, version: () => 1 })).rejects.toMatchObject({
      message: 'Нет связи: файл не загружен.',
    });
  });

  it('the API’s refusal of what arrived (422) is shown as it comes', async () => {
    const text = 'Файл «Задачи.pdf» не похож на PDF: он не принят. Сохраните его как PDF и загрузите снова.';
    const { api, fetch } = fakeFetch([upload(), new Response(null, { status: 200 }), apiError(422, 'RULE_VIOLATED', text)]);
    await expect(uploadHomeworkFile({ api, fetch }, { lessonId: LESSON, file: pdf(), attached: 0, version: () => 1 })).rejects.toMatchObject({
      step: 'attach',
      message: text,
    });
  });

  it('the lesson changed meanwhile (409): the same upload is attached again, on the version the answer names', async () => {
    const conflict = apiError(409, 'CONFLICT', 'Урок уже изменил другой пользователь. Обновите страницу и приложите файл снова.', {
      current: { version: 9, homeworkFiles: [] },
    });
    const { api, fetch, calls } = fakeFetch([
      upload('hf-1'),
      new Response(null, { status: 200 }),
      conflict,
      json(lessonWith(10, ['hf-1'])),
    ]);
    const result = await uploadHomeworkFile({ api, fetch }, { lessonId: LESSON, file: pdf(), attached: 0, version: () => 7 });
    // The bytes go to storage once.
    expect(calls.map((c) => c.method)).toEqual(['POST', 'PUT', 'POST', 'POST']);
    expect(calls[2]?.body).toMatchObject({ uploadId: 'hf-1', expectedVersion: 7 });
    expect(calls[3]?.body).toMatchObject({ uploadId: 'hf-1', expectedVersion: 9 });
    expect((calls[3]?.body as { clientRequestId: string }).clientRequestId).not.toBe((calls[2]?.body as { clientRequestId: string }).clientRequestId);
    // Sent on another version than the editor's: the editor's text is not up to date with it.
    expect(result.basedOn).toBe(9);
  });

  it('a 409 that names no version: the lesson is read again; a second 409 is shown', async () => {
    const conflict = () => apiError(409, 'CONFLICT', 'Урок уже изменил другой пользователь.');
    const { api, fetch, calls } = fakeFetch([
      upload('hf-1'),
      new Response(null, { status: 200 }),
      conflict(),
      json({ lesson: { id: LESSON, version: 12 } }),
      conflict(),
    ]);
    await expect(uploadHomeworkFile({ api, fetch }, { lessonId: LESSON, file: pdf(), attached: 0, version: () => 7 })).rejects.toMatchObject({
      step: 'attach',
      message: 'Урок уже изменил другой пользователь.',
    });
    expect(calls[3]).toMatchObject({ method: 'GET', url: LESSON_PATH });
    expect(calls[4]?.body).toMatchObject({ uploadId: 'hf-1', expectedVersion: 12 });
  });
});

describe('removing and opening a file', () => {
  it('removes on the version given; after a 409 once more on the current one', async () => {
    const { api, calls } = fakeFetch([
      apiError(409, 'CONFLICT', 'Урок уже изменил другой пользователь.', { current: { version: 4 } }),
      json({ lesson: { id: LESSON, version: 5, homeworkFiles: [] }, replayed: false }),
    ]);
    const result = await removeHomeworkFile({ api }, { lessonId: LESSON, fileId: 'hf-1', version: () => 3 });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST ${LESSON_PATH}/homework-files/hf-1/remove`, `POST ${LESSON_PATH}/homework-files/hf-1/remove`]);
    expect(calls.map((c) => (c.body as { expectedVersion: number }).expectedVersion)).toEqual([3, 4]);
    expect(result).toMatchObject({ lesson: { version: 5, homeworkFiles: [] }, basedOn: 4 });
  });

  it('no network while removing → «Нет связи: файл не убран»', async () => {
    const { api } = fakeFetch([new TypeError('Failed to fetch')]);
    await expect(removeHomeworkFile({ api }, { lessonId: LESSON, fileId: 'hf-1', version: () => 3 })).rejects.toMatchObject({
      step: 'remove',
      message: 'Нет связи: файл не убран.',
    });
  });

  it('opens a file: a fresh link from the API, then the browser goes there', async () => {
    const link = { url: 'http://127.0.0.1:3000/s3/klassny-files/homework/x/hf-1?X-Amz-Signature=def', expiresAt: '2026-11-23T10:05:00.000Z', name: 'Задачи.pdf', contentType: 'application/pdf', size: 10 };
    const { api, calls } = fakeFetch([json(link)]);
    const navigate = vi.fn();
    await expect(openHomeworkFile({ api, navigate }, { lessonId: LESSON, fileId: 'hf-1' })).resolves.toEqual(link);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`GET ${LESSON_PATH}/homework-files/hf-1`]);
    expect(navigate).toHaveBeenCalledWith(link.url);
  });

  it('a file the teacher took off: the API’s message, and the browser stays', async () => {
    const { api } = fakeFetch([apiError(404, 'NOT_FOUND', 'Такого файла у задания нет: возможно, учитель его убрал.')]);
    const navigate = vi.fn();
    await expect(openHomeworkFile({ api, navigate }, { lessonId: LESSON, fileId: 'hf-1' })).rejects.toMatchObject({
      step: 'open',
      message: 'Такого файла у задания нет: возможно, учитель его убрал.',
    });
    const offline = fakeFetch([new TypeError('Failed to fetch')]);
    await expect(openHomeworkFile({ api: offline.api, navigate }, { lessonId: LESSON, fileId: 'hf-1' })).rejects.toMatchObject({ message: 'Нет связи: файл не открыт.' });
    expect(navigate).not.toHaveBeenCalled();
  });
});
