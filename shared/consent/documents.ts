import type { ConsentDocumentText } from './text.ts';
import { consentV2026_09 } from './v2026-09.ts';

export type { ConsentDocumentText } from './text.ts';

/** Every version ever published, oldest first; the last is the one in force. */
export const CONSENT_DOCUMENTS: readonly ConsentDocumentText[] = [consentV2026_09];

export const CURRENT_CONSENT_VERSION = CONSENT_DOCUMENTS.at(-1)!.version;

/** A version with the school's name filled in, or undefined for an unknown version. */
export function consentDocument(version: string, schoolName: string): ConsentDocumentText | undefined {
  const doc = CONSENT_DOCUMENTS.find((d) => d.version === version);
  if (!doc) return undefined;
  return { ...doc, paragraphs: doc.paragraphs.map((p) => p.replaceAll('{school}', schoolName)) };
}
