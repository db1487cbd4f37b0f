/**
 * Homework files (п. 2.5): which files a teacher may attach, how large, and how to recognise
 * them by their first bytes. Zod-free: the page checks a file before asking for an upload, and
 * the API checks the uploaded object itself (a name or a declared type proves nothing).
 */

/** A file's limit: a scanned worksheet or a presentation fits; a video does not belong here. */
export const MAX_HOMEWORK_FILE_BYTES = 10 * 1024 * 1024;
/** Files per lesson. */
export const MAX_HOMEWORK_FILES = 10;
/** How many first bytes the check reads. */
export const SNIFF_BYTES = 512;

type Kind = 'pdf' | 'jpeg' | 'png' | 'zip' | 'ole' | 'text';

export type HomeworkFileType = { contentType: string; extensions: readonly string[]; label: string; kind: Kind };

export const HOMEWORK_FILE_TYPES: readonly HomeworkFileType[] = [
  { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF', kind: 'pdf' },
  { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG', kind: 'jpeg' },
  { contentType: 'image/png', extensions: ['png'], label: 'PNG', kind: 'png' },
  { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word', kind: 'zip' },
  { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel', kind: 'zip' },
  { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], label: 'PowerPoint', kind: 'zip' },
  { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'OpenDocument', kind: 'zip' },
  { contentType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], label: 'OpenDocument', kind: 'zip' },
  { contentType: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'], label: 'OpenDocument', kind: 'zip' },
  { contentType: 'application/msword', extensions: ['doc'], label: 'Word', kind: 'ole' },
  { contentType: 'application/vnd.ms-excel', extensions: ['xls'], label: 'Excel', kind: 'ole' },
  { contentType: 'application/vnd.ms-powerpoint', extensions: ['ppt'], label: 'PowerPoint', kind: 'ole' },
  { contentType: 'text/plain', extensions: ['txt'], label: 'текст', kind: 'text' },
];

export const HOMEWORK_CONTENT_TYPES = HOMEWORK_FILE_TYPES.map((t) => t.contentType) as [string, ...string[]];

/** «PDF, JPEG, PNG, Word, …» for messages. */
export const ALLOWED_TYPES_TEXT = [...new Set(HOMEWORK_FILE_TYPES.map((t) => t.label))].join(', ');

export const extensionOf = (name: string): string => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * The type a file is accepted as: its declared content type, if allowed and its name carries one
 * of that type's extensions (browsers report an empty type for some files: then by extension).
 */
export function homeworkFileTypeOf(name: string, contentType: string): HomeworkFileType | undefined {
  const ext = extensionOf(name);
  const declared = contentType.split(';')[0]!.trim().toLowerCase();
  if (declared === '' || declared === 'application/octet-stream') return HOMEWORK_FILE_TYPES.find((t) => t.extensions.includes(ext));
  const type = HOMEWORK_FILE_TYPES.find((t) => t.contentType === declared);
  return type && type.extensions.includes(ext) ? type : undefined;
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Do the file's first bytes say it is what it was declared to be? */
export function looksLike(type: HomeworkFileType, first: Uint8Array): boolean {
  switch (type.kind) {
    case 'pdf':
      return startsWith(first, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
    case 'jpeg':
      return startsWith(first, [0xff, 0xd8, 0xff]);
    case 'png':
      return startsWith(first, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'zip':
      return startsWith(first, [0x50, 0x4b, 0x03, 0x04]); // PK: OOXML and OpenDocument are ZIP files
    case 'ole':
      return startsWith(first, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    case 'text':
      // Text has no NUL bytes; a binary file renamed .txt does.
      return first.length > 0 && !first.includes(0);
  }
}

/**
 * A file name safe to keep and to offer for download: no path, no control characters, at most
 * 150 characters with its extension kept.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').replace(/\s+/g, ' ').trim();
  if (clean.length <= 150) return clean;
  const ext = extensionOf(clean);
  return `${clean.slice(0, 150 - ext.length - 1)}.${ext}`;
}

/** «1,2 МБ», «850 КБ». */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
  return `${Math.max(1, Math.round(bytes / 1024))} КБ`;
}
