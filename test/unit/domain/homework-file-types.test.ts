import { describe, expect, it } from 'vitest';
import { cleanFileName, formatFileSize, HOMEWORK_FILE_TYPES, homeworkFileTypeOf, looksLike } from '#shared/domain/homework-file-types.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);
const typeOf = (contentType: string) => HOMEWORK_FILE_TYPES.find((t) => t.contentType === contentType)!;

describe('homework files (п. 2.5): what may be attached', () => {
  it('a declared type counts only with a name of that type; an empty type goes by the extension', () => {
    expect(homeworkFileTypeOf('Задание.pdf', 'application/pdf')?.label).toBe('PDF');
    expect(homeworkFileTypeOf('Задание.PDF', 'application/pdf; charset=binary')?.label).toBe('PDF');
    expect(homeworkFileTypeOf('Задание.docx', '')?.label).toBe('Word');
    expect(homeworkFileTypeOf('Задание.xlsx', 'application/octet-stream')?.label).toBe('Excel');
    // A page renamed to look like a PDF, a program, a type that is not a homework file: refused.
    expect(homeworkFileTypeOf('page.html', 'application/pdf')).toBeUndefined();
    expect(homeworkFileTypeOf('setup.exe', '')).toBeUndefined();
    expect(homeworkFileTypeOf('page.html', 'text/html')).toBeUndefined();
    expect(homeworkFileTypeOf('noext', '')).toBeUndefined();
  });

  it('the first bytes must say the same as the type', () => {
    expect(looksLike(typeOf('application/pdf'), text('%PDF-1.7\n'))).toBe(true);
    expect(looksLike(typeOf('application/pdf'), text('<html><script>'))).toBe(false);
    expect(looksLike(typeOf('image/png'), bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe(true);
    expect(looksLike(typeOf('image/jpeg'), bytes(0xff, 0xd8, 0xff, 0xe0))).toBe(true);
    expect(looksLike(typeOf('image/jpeg'), bytes(0x89, 0x50))).toBe(false);
    expect(looksLike(typeOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe(true);
    expect(looksLike(typeOf('application/msword'), bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe(true);
    expect(looksLike(typeOf('text/plain'), text('Упражнение 5, с. 12'))).toBe(true);
    expect(looksLike(typeOf('text/plain'), bytes(0x4d, 0x5a, 0x00, 0x01))).toBe(false);
    expect(looksLike(typeOf('text/plain'), bytes())).toBe(false);
  });

  it('a name is kept without its path or control characters, and long ones keep their extension', () => {
    expect(cleanFileName('C:\\Users\\teacher\\Задание 5.pdf')).toBe('Задание 5.pdf');
    expect(cleanFileName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(cleanFileName('a\u0000b\nc"d.pdf')).toBe('a_b_c_d.pdf');
    const long = cleanFileName(`${'я'.repeat(300)}.docx`);
    expect(long).toHaveLength(150);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('sizes in Russian units', () => {
    expect(formatFileSize(10 * 1024 * 1024)).toBe('10,0 МБ');
    expect(formatFileSize(850 * 1024)).toBe('850 КБ');
    expect(formatFileSize(12)).toBe('1 КБ');
  });
});
