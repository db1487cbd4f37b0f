/**
 * What a teacher types into a journal cell, and what a spreadsheet pastes: marks (`5`, a double
 * mark `5/4`, `ОСВ`, `ЗЧ`, `НЗ`, `н/а`) and the school's attendance codes (`Н`, `УП`, `Б`, `ОП` …),
 * separated by spaces. The values allowed are the domain's own (`shared/domain/mark-values.ts`,
 * schema-free); the codes are the school's, from the journal. Codes typed with Latin letters are
 * understood two ways: look-alike letters (`H` → `Н`, `OП` → `ОП`) and the keys of the Russian
 * layout pressed with the English one on (`y` → `Н`, `eg` → `УП`, `,` → `Б`).
 */
import { MARK_VALUES_TEXT, NON_NUMERIC_MARK_VALUES, NUMERIC_MARK_VALUES } from '#shared/domain/mark-values.ts';

export type AttendanceCodeRef = { code: string; name: string; archived?: boolean | undefined };

/** A cell's content as typed: marks (each one value or a double mark) and an attendance code. */
export type CellEntry = {
  /** Undefined: the text named no marks. */
  marks?: string[][] | undefined;
  /** Undefined: the text named no code. */
  code?: string | undefined;
};

export type ParsedCell = { ok: true; entry: CellEntry } | { ok: false; message: string };

export type CellRules = {
  /** п. 5.6: false in grade 1 — attendance only. */
  marksAllowed: boolean;
  attendanceCodes: readonly AttendanceCodeRef[];
};

/** Latin capitals that look like Russian ones. */
const LOOKALIKE: Readonly<Record<string, string>> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
};

/** The Russian letter on each key of the QWERTY layout (ЙЦУКЕН). */
const LAYOUT: Readonly<Record<string, string>> = {
  q: 'й', w: 'ц', e: 'у', r: 'к', t: 'е', y: 'н', u: 'г', i: 'ш', o: 'щ', p: 'з', '[': 'х', ']': 'ъ',
  a: 'ф', s: 'ы', d: 'в', f: 'а', g: 'п', h: 'р', j: 'о', k: 'л', l: 'д', ';': 'ж', "'": 'э',
  z: 'я', x: 'ч', c: 'с', v: 'м', b: 'и', n: 'т', m: 'ь', ',': 'б', '.': 'ю', '`': 'ё',
};

function lookalike(token: string): string {
  return [...token.toUpperCase()].map((ch) => LOOKALIKE[ch] ?? ch).join('');
}

function layout(token: string): string {
  return [...token.toLowerCase()].map((ch) => LAYOUT[ch] ?? ch).join('').toUpperCase();
}

/** The ways a token may have been meant, most literal first. */
function readings(token: string): string[] {
  return [...new Set([token.toUpperCase(), lookalike(token), layout(token)])];
}

/** The school's code a token means (Cyrillic, look-alike Latin or the Russian layout's keys), if any. */
export function attendanceCodeOf(token: string, codes: readonly AttendanceCodeRef[]): string | undefined {
  const active = codes.filter((c) => !c.archived).map((c) => c.code);
  return readings(token).find((r) => active.includes(r));
}

const NON_NUMERIC_UPPER = new Map(NON_NUMERIC_MARK_VALUES.map((v) => [v.toUpperCase(), v]));
const NUMERIC = new Set<string>(NUMERIC_MARK_VALUES);
/** `5/4`; on the Russian layout the `/` key types `.`, so `5.4` is a double mark too. */
const DOUBLE = /^([0-9])[/\\.|]([0-9])$/;

/** One mark token → its values; undefined when it is no mark. */
export function markValuesOf(token: string): string[] | undefined {
  if (NUMERIC.has(token)) return [token];
  const double = DOUBLE.exec(token);
  if (double && NUMERIC.has(double[1] ?? '') && NUMERIC.has(double[2] ?? '')) return [double[1] ?? '', double[2] ?? ''];
  for (const reading of readings(token)) {
    const value = NON_NUMERIC_UPPER.get(reading);
    if (value) return [value];
  }
  return undefined;
}

function codesText(codes: readonly AttendanceCodeRef[]): string {
  return codes
    .filter((c) => !c.archived)
    .map((c) => c.code)
    .join(', ');
}

/**
 * Reads a cell's text. Empty text names nothing (`{}`); a digit out of range, an unknown code,
 * two codes, or a mark in grade 1 (п. 5.6) is refused with a message saying what is allowed.
 */
export function parseCellText(text: string, rules: CellRules): ParsedCell {
  const tokens = text
    .trim()
    .split(/[\s;]+/)
    .filter((t) => t !== '');
  const marks: string[][] = [];
  let code: string | undefined;
  for (const token of tokens) {
    const asCode = attendanceCodeOf(token, rules.attendanceCodes);
    if (asCode !== undefined) {
      if (code !== undefined && code !== asCode) {
        return { ok: false, message: `В клетке может быть одна отметка посещаемости, а не «${code}» и «${asCode}».` };
      }
      code = asCode;
      continue;
    }
    const values = markValuesOf(token);
    if (values) {
      if (!rules.marksAllowed) return { ok: false, message: 'В 1 классе отметки не выставляются (п. 5.6): только посещаемость.' };
      marks.push(values);
      continue;
    }
    return { ok: false, message: unknownTokenMessage(token, rules) };
  }
  const entry: CellEntry = {};
  if (marks.length > 0) entry.marks = marks;
  if (code !== undefined) entry.code = code;
  return { ok: true, entry };
}

function unknownTokenMessage(token: string, rules: CellRules): string {
  const codes = codesText(rules.attendanceCodes);
  if (/^[0-9/\\.|]+$/.test(token)) {
    return rules.marksAllowed
      ? `Отметки «${token}» нет. Допустимые: ${MARK_VALUES_TEXT}; двойная отметка — например 5/4.`
      : `В 1 классе отметки не выставляются (п. 5.6): только посещаемость (${codes}).`;
  }
  return rules.marksAllowed
    ? `Не распознано «${token}». Отметки: ${MARK_VALUES_TEXT}, двойная — 5/4; посещаемость: ${codes}.`
    : `Неизвестная отметка посещаемости «${token}». Допустимые: ${codes}.`;
}

/** The text of a cell: the code first, then the marks (`Н 5/4 3`). */
export function cellText(marks: readonly (readonly string[])[], code: string | null | undefined): string {
  return [...(code ? [code] : []), ...marks.map((m) => m.join('/'))].join(' ');
}

/**
 * A spreadsheet's clipboard text → rows of cells: lines (CRLF or LF; the last empty line a
 * spreadsheet adds is dropped) of tab-separated values, each trimmed; a value in double quotes
 * loses them.
 */
export function parseClipboard(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines.map((line) =>
    line.split('\t').map((cell) => {
      const trimmed = cell.trim();
      return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"').trim() : trimmed;
    }),
  );
}
