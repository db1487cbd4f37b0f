import * as z from 'zod';
import { instantSchema } from '#shared/domain/dates.ts';
import { HOMEWORK_CONTENT_TYPES } from '#shared/domain/homework-file-types.ts';
import { homeworkFileIdSchema, lessonIdSchema } from '#shared/domain/ids.ts';
import { lessonSchema } from '#shared/domain/lesson.ts';
import { versionSchema } from '#shared/domain/version.ts';
import { clientRequestIdSchema } from './journal.ts';
import { defineOperation } from './operation.ts';

/**
 * Homework files (п. 2.5): the teacher's browser asks for an upload, puts the file straight into
 * storage with the URL it gets (single use, short-lived), then attaches it to the lesson — the
 * API checks the stored object (size, and its first bytes against its type) before it counts.
 * Students and parents download through a short-lived link (getHomeworkFile).
 */
const lessonParams = z.object({ lessonId: lessonIdSchema });

export const createHomeworkUploadBodySchema = z
  .object({
    fileName: z.string().trim().min(1, { error: 'Укажите имя файла' }).max(255, { error: 'Имя файла — не длиннее 255 символов' }),
    /** As the browser reports it (`File.type`); may be empty, then the extension decides. */
    contentType: z.string().max(200),
    size: z.number().int().min(1, { error: 'Файл пустой' }),
  })
  .meta({ id: 'CreateHomeworkUploadBody' });

export const homeworkUploadSchema = z
  .object({
    uploadId: homeworkFileIdSchema,
    /** PUT the file's bytes here, with exactly `headers`; it works once, until `expiresAt`. */
    url: z.string(),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()),
    expiresAt: instantSchema,
    /** The name the file will be kept under. */
    fileName: z.string(),
    contentType: z.enum(HOMEWORK_CONTENT_TYPES),
  })
  .meta({ id: 'HomeworkUpload', description: 'Where and how to upload one homework file (presigned, single use)' });

export const createHomeworkUpload = defineOperation({
  operationId: 'createHomeworkUpload',
  method: 'POST',
  path: '/api/lessons/{lessonId}/homework-uploads',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'A single-use upload URL for one homework file of a lesson (its keeper; type and size checked; п. 2.5)',
  params: lessonParams,
  body: createHomeworkUploadBodySchema,
  response: homeworkUploadSchema,
  successStatus: 201,
  errors: ['NOT_FOUND', 'RULE_VIOLATED'],
});

export const attachHomeworkFileBodySchema = z
  .object({
    clientRequestId: clientRequestIdSchema,
    uploadId: homeworkFileIdSchema,
    /** The lesson's version the teacher saw. */
    expectedVersion: versionSchema,
  })
  .meta({ id: 'AttachHomeworkFileBody' });

export const homeworkFilesResultSchema = z
  .object({ lesson: lessonSchema, replayed: z.boolean() })
  .meta({ id: 'HomeworkFilesResult', description: 'The lesson with its homework files now' });

export const attachHomeworkFile = defineOperation({
  operationId: 'attachHomeworkFile',
  method: 'POST',
  path: '/api/lessons/{lessonId}/homework-files',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'Attach an uploaded file to the lesson’s homework, once its size and content are checked (versioned, audited, idempotent)',
  params: lessonParams,
  body: attachHomeworkFileBodySchema,
  response: homeworkFilesResultSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED'],
});

export const removeHomeworkFile = defineOperation({
  operationId: 'removeHomeworkFile',
  method: 'POST',
  path: '/api/lessons/{lessonId}/homework-files/{fileId}/remove',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'Take a file off the lesson’s homework (versioned, audited, idempotent; storage keeps it 30 days)',
  params: z.object({ lessonId: lessonIdSchema, fileId: homeworkFileIdSchema }),
  body: z.object({ clientRequestId: clientRequestIdSchema, expectedVersion: versionSchema }).meta({ id: 'RemoveHomeworkFileBody' }),
  response: homeworkFilesResultSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED'],
});

export const homeworkFileLinkSchema = z
  .object({
    url: z.string(),
    expiresAt: instantSchema,
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
  })
  .meta({ id: 'HomeworkFileLink', description: 'A short-lived download link of one homework file' });

export const getHomeworkFile = defineOperation({
  operationId: 'getHomeworkFile',
  method: 'GET',
  path: '/api/lessons/{lessonId}/homework-files/{fileId}',
  area: 'diary',
  access: 'authenticated',
  tag: 'diary',
  summary: 'A download link (5 minutes) for a homework file: its lesson’s students and their parents, whoever reads the lesson',
  params: z.object({ lessonId: lessonIdSchema, fileId: homeworkFileIdSchema }),
  response: homeworkFileLinkSchema,
  errors: ['NOT_FOUND'],
});
