/**
 * The PDF's fonts: DejaVu Sans Condensed (regular and bold), which cover Cyrillic and are
 * embedded (subset) in every PDF, so the text shows and can be copied on any reader.
 *
 * In the deployed bundle the files sit in `fonts/` beside it (copied by infra/lib/node-function.ts
 * after bundling; node_modules is not deployed); run from source (tsx, tests) they are read from
 * the `dejavu-fonts-ttf` package. pdfkit's own standard fonts (Helvetica…) are never used: its
 * data files would not be found in a bundle, and they have no Cyrillic anyway.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The files the bundle must carry: infra/lib/node-function.ts copies exactly these. */
export const REPORT_FONT_FILES = { regular: 'DejaVuSansCondensed.ttf', bold: 'DejaVuSansCondensed-Bold.ttf' } as const;

export type ReportFonts = { regular: string; bold: string };

let resolved: ReportFonts | undefined;

function resolveFont(file: string): string {
  const beside = fileURLToPath(new URL(`./fonts/${file}`, import.meta.url));
  if (existsSync(beside)) return beside;
  try {
    return createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`);
  } catch {
    throw new Error(`Font ${file} not found: neither ${beside} nor the dejavu-fonts-ttf package`);
  }
}

/** Absolute paths of the report fonts, found once per process. */
export function reportFonts(): ReportFonts {
  resolved ??= { regular: resolveFont(REPORT_FONT_FILES.regular), bold: resolveFont(REPORT_FONT_FILES.bold) };
  return resolved;
}
