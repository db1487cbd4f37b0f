/**
 * Homework files (п. 2.5) in the browser: a chosen file is checked here with the API's own rules
 * (`#shared/domain/homework-file-types.ts`, zod-free), then `createHomeworkUpload` gives a
 * single-use URL, the file goes straight to storage with a PUT (S3 in AWS, the local stand-in at
 * `/s3/`), and `attachHomeworkFile` adds it to the lesson once the API has checked what arrived.
 * Each step's failure becomes one Russian message (`HomeworkFileError`); storage's own XML answers
 * are never shown. Removing a file and opening one (a short-lived link the browser navigates to:
 * a download, or the phone's viewer) live here too. No Svelte: the components wire it.
 */
import {
  HOMEWORK_FILE_TYPES,
  MAX_HOMEWORK_FILE_BYTES,
  MAX_HOMEWORK_FILES,
  extensionOf,
  formatFileSize,
  homeworkFileTypeOf,
  type HomeworkFileType,
} from '#shared/domain/homework-file-types.ts';
import { ApiError, type ApiClient } from './api.ts';
import { callOperation, type OperationOutput } from './operations.ts';

export type HomeworkUpload = OperationOutput<'createHomeworkUpload'>;
export type HomeworkFilesResult = OperationOutput<'attachHomeworkFile'>;
export type HomeworkFileLink = OperationOutput<'getHomeworkFile'>;
export type FilesLesson = HomeworkFilesResult['lesson'];
/** What every page shows of a file (the diary's, the lesson's and the editor's lists). */
export type HomeworkFileInfo = { id: string; name: string; contentType: string; size: number };

export { MAX_HOMEWORK_FILES, formatFileSize };

/** The types as the teacher reads them, in the order of the hint. */
export const HOMEWORK_TYPES_TEXT = 'PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG, текст';

/** «PDF, Word, … — до 10 МБ, не больше 10 файлов» under the file input. */
export const HOMEWORK_FILES_HINT = `${HOMEWORK_TYPES_TEXT} — до ${MAX_HOMEWORK_FILE_BYTES / 1024 / 1024} МБ, не больше ${MAX_HOMEWORK_FILES} файлов`;

/** The file input's `accept`: the allowed extensions (`.pdf,.docx,…`). */
export const HOMEWORK_ACCEPT = [...new Set(HOMEWORK_FILE_TYPES.flatMap((t) => t.extensions))].map((e) => `.${e}`).join(',');

export const HOMEWORK_FILE_MESSAGES = {
  type: `Такой файл приложить нельзя. Можно: ${HOMEWORK_TYPES_TEXT}.`,
  tooLarge: `Файл больше ${MAX_HOMEWORK_FILE_BYTES / 1024 / 1024} МБ — такой приложить нельзя.`,
  empty: 'Файл пустой — приложить нечего.',
  tooMany: `К уроку уже приложено ${MAX_HOMEWORK_FILES} файлов — больше нельзя.`,
  staleLink: 'Ссылка для загрузки устарела или уже использована — выберите файл ещё раз.',
  storage: 'Хранилище файлов не приняло файл. Попробуйте ещё раз.',
  offlineUpload: 'Нет связи: файл не загружен.',
  offlineRemove: 'Нет связи: файл не убран.',
  offlineOpen: 'Нет связи: файл не открыт.',
} as const;

/** Which step failed: the page's check, the API, or storage. */
export type HomeworkFileStep = 'check' | 'create' | 'upload' | 'attach' | 'remove' | 'open';

export class HomeworkFileError extends Error {
  override name = 'HomeworkFileError';
  constructor(
    readonly step: HomeworkFileStep,
    message: string,
    /** The API's error, when the API refused (its message is this one's). */
    readonly apiError?: ApiError,
  ) {
    super(message);
  }
}

/** «PDF», «Word», «текст» — a stored file's type as the lists show it. */
export function fileTypeLabel(file: Pick<HomeworkFileInfo, 'name' | 'contentType'>): string {
  const type = HOMEWORK_FILE_TYPES.find((t) => t.contentType === file.contentType) ?? homeworkFileTypeOf(file.name, '');
  return type?.label ?? (extensionOf(file.name).toUpperCase() || 'файл');
}

/** «PDF, 1,2 МБ». */
export function fileFacts(file: Pick<HomeworkFileInfo, 'name' | 'contentType' | 'size'>): string {
  return `${fileTypeLabel(file)}, ${formatFileSize(file.size)}`;
}

/** «Задачи.pdf (PDF, 1,2 МБ)» — a file in the diary. */
export function fileLabel(file: Pick<HomeworkFileInfo, 'name' | 'contentType' | 'size'>): string {
  return `${file.name} (${fileFacts(file)})`;
}

/** A chosen file as the page sees it (a `File`: its name, the browser's type, its size). */
export type ChosenFile = { name: string; type: string; size: number };

/**
 * The page's check before asking for an upload — the same rules as the API (which checks again,
 * and looks at the bytes): an allowed type whose name fits it, not empty, at most 10 МБ, at most
 * 10 files on the lesson (`attached`: how many it has, with those already on their way).
 */
export function checkHomeworkFile(file: ChosenFile, attached: number): { ok: true; type: HomeworkFileType } | { ok: false; message: string } {
  const type = homeworkFileTypeOf(file.name, file.type);
  if (!type) return { ok: false, message: HOMEWORK_FILE_MESSAGES.type };
  if (file.size <= 0) return { ok: false, message: HOMEWORK_FILE_MESSAGES.empty };
  if (file.size > MAX_HOMEWORK_FILE_BYTES) return { ok: false, message: HOMEWORK_FILE_MESSAGES.tooLarge };
  if (attached >= MAX_HOMEWORK_FILES) return { ok: false, message: HOMEWORK_FILE_MESSAGES.tooMany };
  return { ok: true, type };
}

/** An ApiError as this flow's message: no answer → `offline`, else the API's own Russian message. */
function fromApi(step: HomeworkFileStep, error: unknown, offline: string): HomeworkFileError {
  if (error instanceof HomeworkFileError) return error;
  if (error instanceof ApiError) return new HomeworkFileError(step, error.status === 0 ? offline : error.message, error);
  return new HomeworkFileError(step, offline);
}

/** Headers a page may not set (the browser sets them itself from the body and the URL). */
const BROWSER_HEADERS = new Set(['content-length', 'host', 'connection']);

export type HomeworkFileDeps = {
  api: ApiClient;
  /** For the PUT to storage; the browser's by default. */
  fetch?: typeof fetch;
};

export type UploadInput = {
  lessonId: string;
  file: Blob & ChosenFile;
  /** Files the lesson has now, with those being uploaded before this one. */
  attached: number;
  /** The lesson's version to attach on, read when the file has arrived in storage. */
  version: () => number;
  /**
   * Runs a request that changes the lesson. The editor passes its queue, so an attach never
   * overlaps a save of the text (both move the lesson's version).
   */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
};

export type UploadResult = {
  /** The lesson with its files and its new version. */
  lesson: FilesLesson;
  /**
   * The version the accepted attach was sent with: the one `version()` gave, or, after a 409,
   * the lesson's version then (someone changed the lesson meanwhile).
   */
  basedOn: number;
};

const ownQueue = <T>(run: () => Promise<T>): Promise<T> => run();

function versionIn(error: ApiError): number | undefined {
  const current = error.details?.['current'];
  const version = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)['version'] : undefined;
  return typeof version === 'number' ? version : undefined;
}

/** The lesson's version now, after a 409: from the answer's `details.current`, else read again. */
async function currentVersion(api: ApiClient, lessonId: string, conflict: ApiError): Promise<number> {
  return versionIn(conflict) ?? (await callOperation(api, 'getLesson', { params: { lessonId } })).lesson.version;
}

const isConflict = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 409;

/** The file's bytes to storage, with exactly the headers the upload was signed with. */
async function putToStorage(fetchFn: typeof fetch, upload: HomeworkUpload, file: Blob): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(upload.headers)) if (!BROWSER_HEADERS.has(name.toLowerCase())) headers[name] = value;
  let response: Response;
  try {
    response = await fetchFn(upload.url, { method: upload.method, headers, body: file, cache: 'no-store' });
  } catch {
    throw new HomeworkFileError('upload', HOMEWORK_FILE_MESSAGES.offlineUpload);
  }
  // Storage answers XML on failure: never shown, only its status read.
  await response.body?.cancel().catch(() => {});
  if (response.ok) return;
  // 412: the single-use URL was used already; 403: it expired, or the file is not the one declared.
  if (response.status === 412 || response.status === 403) throw new HomeworkFileError('upload', HOMEWORK_FILE_MESSAGES.staleLink);
  throw new HomeworkFileError('upload', HOMEWORK_FILE_MESSAGES.storage);
}

/**
 * One file to the lesson's homework: checked here, an upload asked for, the bytes put to storage,
 * the file attached. Throws a `HomeworkFileError` with the message to show.
 */
export async function uploadHomeworkFile(deps: HomeworkFileDeps, input: UploadInput): Promise<UploadResult> {
  const checked = checkHomeworkFile(input.file, input.attached);
  if (!checked.ok) throw new HomeworkFileError('check', checked.message);
  const { api } = deps;
  const fetchFn: typeof fetch = deps.fetch ?? ((url, init) => fetch(url, init));

  const exclusive = input.exclusive ?? ownQueue;

  let upload: HomeworkUpload;
  try {
    upload = await callOperation(api, 'createHomeworkUpload', {
      params: { lessonId: input.lessonId },
      body: { fileName: input.file.name, contentType: checked.type.contentType, size: input.file.size },
    });
  } catch (error) {
    throw fromApi('create', error, HOMEWORK_FILE_MESSAGES.offlineUpload);
  }
  await putToStorage(fetchFn, upload, input.file);

  /** Attach the upload on the version given (else the editor's now). */
  const attach = (atVersion?: number): Promise<UploadResult> =>
    exclusive(async () => {
      const expectedVersion = Math.max(atVersion ?? 0, input.version());
      const result = await callOperation(api, 'attachHomeworkFile', {
        params: { lessonId: input.lessonId },
        body: { clientRequestId: crypto.randomUUID(), uploadId: upload.uploadId, expectedVersion },
      });
      return { lesson: result.lesson, basedOn: expectedVersion };
    });

  try {
    try {
      return await attach();
    } catch (error) {
      // The lesson changed meanwhile (its text saved in another tab, a file attached there):
      // adding one file overwrites nobody's text, so the same upload goes again on the version
      // now (a refused attach leaves its upload usable).
      if (!isConflict(error)) throw error;
      return await attach(await currentVersion(api, input.lessonId, error));
    }
  } catch (error) {
    throw fromApi('attach', error, HOMEWORK_FILE_MESSAGES.offlineUpload);
  }
}

export type RemoveInput = {
  lessonId: string;
  fileId: string;
  version: () => number;
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
};

/** Takes a file off the lesson's homework (storage keeps it 30 days). */
export async function removeHomeworkFile(deps: Pick<HomeworkFileDeps, 'api'>, input: RemoveInput): Promise<UploadResult> {
  const { api } = deps;
  const exclusive = input.exclusive ?? ownQueue;
  const send = (atVersion?: number): Promise<UploadResult> =>
    exclusive(async () => {
      const expectedVersion = Math.max(atVersion ?? 0, input.version());
      const result = await callOperation(api, 'removeHomeworkFile', {
        params: { lessonId: input.lessonId, fileId: input.fileId },
        body: { clientRequestId: crypto.randomUUID(), expectedVersion },
      });
      return { lesson: result.lesson, basedOn: expectedVersion };
    });
  try {
    try {
      return await send();
    } catch (error) {
      // Changed meanwhile: the teacher asked for this file to go, whatever else changed.
      if (!isConflict(error)) throw error;
      return await send(await currentVersion(api, input.lessonId, error));
    }
  } catch (error) {
    throw fromApi('remove', error, HOMEWORK_FILE_MESSAGES.offlineRemove);
  }
}

/** Where the browser goes with a link: the page itself (a download; a phone opens its viewer). */
export function goTo(url: string): void {
  window.location.assign(url);
}

/**
 * Opens a homework file: a fresh link (5 minutes) from the API, then the browser goes there —
 * the file comes as an attachment with its own name, and the page stays.
 */
export async function openHomeworkFile(
  deps: Pick<HomeworkFileDeps, 'api'> & { navigate?: (url: string) => void },
  input: { lessonId: string; fileId: string },
): Promise<HomeworkFileLink> {
  let link: HomeworkFileLink;
  try {
    link = await callOperation(deps.api, 'getHomeworkFile', { params: { lessonId: input.lessonId, fileId: input.fileId } });
  } catch (error) {
    throw fromApi('open', error, HOMEWORK_FILE_MESSAGES.offlineOpen);
  }
  (deps.navigate ?? goTo)(link.url);
  return link;
}

/** A lesson's files as the lists show them (none: an empty list). */
export function filesOf(lesson: { homeworkFiles?: readonly HomeworkFileInfo[] | undefined }): HomeworkFileInfo[] {
  return (lesson.homeworkFiles ?? []).map(({ id, name, contentType, size }) => ({ id, name, contentType, size }));
}
