/** A version of the consent text. Versions are only added, never edited (see v2026-09.ts). */
export type ConsentDocumentText = {
  version: string;
  effectiveFrom: string;
  title: string;
  paragraphs: readonly string[];
};
