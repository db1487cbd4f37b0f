/**
 * Line breaking for narrow table headers: pdfkit breaks a word too long for its column at any
 * letter and without a hyphen («Обществозна|ние»); here such a word is split with a hyphen,
 * after a vowel where possible (a rough Russian syllable rule, good enough for subject names).
 */
import type PDFDocument from 'pdfkit';

type Pdf = InstanceType<typeof PDFDocument>;

const VOWELS = /[аеёиоуыэюяaeiouy]/i;
const LETTER = /\p{L}/u;

/**
 * Where `word` may break after `i` letters, two or more each side: between a doubled consonant
 * (Рус-ский), or after a vowel before a consonant (Гео-мет-рия) — never before ь, ъ, й.
 */
function goodBreak(word: string, i: number): boolean {
  if (i < 2 || word.length - i < 2) return false;
  const [before, after] = [word[i - 1]!.toLowerCase(), word[i]!.toLowerCase()];
  if (!LETTER.test(before) || !LETTER.test(after) || 'ьъй'.includes(after)) return false;
  if (before === after) return !VOWELS.test(before);
  return VOWELS.test(before) && !VOWELS.test(after) && word[i + 1]?.toLowerCase() !== after;
}

/** Splits a word wider than `width` into hyphenated pieces that fit (in the current font). */
function splitWord(pdf: Pdf, word: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (pdf.widthOfString(rest) > width && rest.length > 1) {
    let fit = 1;
    while (fit < rest.length && pdf.widthOfString(`${rest.slice(0, fit + 1)}-`) <= width) fit++;
    let cut = fit;
    while (cut > 1 && !goodBreak(rest, cut)) cut--;
    if (cut <= 1) cut = fit; // no syllable break fits: break where the width ends
    pieces.push(`${rest.slice(0, cut)}-`);
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

const NBSP = '\u00a0';

/**
 * A header's words, a one- or two-letter word (и, в, по) bound to the next one, as Russian
 * typesetting keeps them: «Вероятность / и статистика», not «Вероятность и / статистика».
 */
export function headerWords(text: string): string[] {
  const words = text.split(/[ \t\r\n]+/).filter(Boolean);
  const bound: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (next !== undefined && word.length <= 2 && /^\p{L}+$/u.test(word)) {
      words[i + 1] = `${word}${NBSP}${next}`;
    } else {
      bound.push(word);
    }
  }
  return bound;
}

/** The width a header word needs on a line of its own (see hyphenateToWidth). */
export function headerWordWidth(pdf: Pdf, word: string): number {
  return pdf.widthOfString(word) + pdf.widthOfString('\n') + 0.5;
}

/**
 * `text` broken into lines no wider than `width` (in the current font and size), joined by
 * newlines, so pdfkit draws exactly these lines.
 */
export function hyphenateToWidth(pdf: Pdf, text: string, width: number): string {
  // pdfkit measures a line with its newline (which has a width in DejaVu): keep room for it.
  const limit = width - pdf.widthOfString('\n') - 0.5;
  const lines: string[] = [];
  let line = '';
  const queue = headerWords(text);
  for (let word = queue.shift(); word !== undefined; word = queue.shift()) {
    const candidate = line ? `${line} ${word}` : word;
    if (pdf.widthOfString(candidate) <= limit) {
      line = candidate;
      continue;
    }
    // A bound pair too wide for a line of its own is parted after all.
    if (word.includes(NBSP) && pdf.widthOfString(word) > limit) {
      queue.unshift(...word.split(NBSP));
      continue;
    }
    if (line) lines.push(line);
    const pieces = pdf.widthOfString(word) <= limit ? [word] : splitWord(pdf, word, limit);
    lines.push(...pieces.slice(0, -1));
    line = pieces[pieces.length - 1] ?? '';
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
