import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_FONT_FILES, reportFonts } from '#functions/reports/export/fonts.ts';
import { REPORT_FONT_FILES as BUNDLED_FONT_FILES } from '#infra/lib/node-function.ts';

describe('the PDF fonts', () => {
  it('are found when run from source, and are the very files the deployed bundle is given', () => {
    const fonts = reportFonts();
    expect(existsSync(fonts.regular) && existsSync(fonts.bold)).toBe(true);
    expect([basename(fonts.regular), basename(fonts.bold)]).toEqual([REPORT_FONT_FILES.regular, REPORT_FONT_FILES.bold]);
    // infra/lib/node-function.ts copies these beside each bundle that contains the PDF renderer.
    expect([...BUNDLED_FONT_FILES].sort()).toEqual(Object.values(REPORT_FONT_FILES).sort());
  });
});
