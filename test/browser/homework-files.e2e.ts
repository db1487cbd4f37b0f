import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { currentWeek, schoolToday } from './demo-calendar.ts';
import { apiAs, findJournal, journalOf, lessonUrl, type Api, type LessonRef } from './journal-api.ts';
import { expect, expectNoAxeViolations, horizontalOverflow, openSection, saveScreenshot, signIn, test } from './support.ts';

// Homework files (п. 2.5): the demo teacher attaches a file to a lesson of 5А · Математика (the
// class of the demo parent's Анна), the parent opens the diary week of that lesson on a phone and
// downloads it. The lesson is an upcoming one: no other browser test writes it (the grid keeps
// future cells read-only; journal-editing.e2e.ts types into the latest lessons held). Each test
// finds or makes what it needs, so any one of them runs alone.

// The local stand-in for S3 signs its URLs for the site's address, `http://localhost:<port>/s3`
// (docs/local-s3.md): the page's PUT of a file is same-origin, as the CSP's `connect-src 'self'`
// wants, only when the page is on that origin too — not on 127.0.0.1, where the other tests are.
test.use({ baseURL: 'http://localhost:3999' });

const CLASS = '5А';
const SUBJECT = 'Математика';
const PDF_NAME = 'Задачи к уроку.pdf';
/** A small PDF as a scanner would make it: what matters is that it starts as a PDF does. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

type FileRef = { id: string; name: string; contentType: string; size: number };
type LessonSheet = { lesson: LessonRef & { homeworkFiles?: FileRef[] }; keptByCaller: boolean; entryLock?: { message: string } };

const lessonPath = (id: string) => `/api/lessons/${encodeURIComponent(id)}`;

/** The next lesson after today (none in the last days of a period: the latest one), open to its teacher. */
async function homeworkLesson(api: Api): Promise<LessonRef> {
  const journal = await journalOf(api, await findJournal(api, CLASS, SUBJECT));
  const today = journal.today ?? schoolToday();
  const lessons = journal.lessons.filter((l) => l.status !== 'cancelled');
  const lesson = lessons.find((l) => l.date > today) ?? lessons.at(-1);
  expect(lesson, 'a lesson of 5А · Математика in the current period').toBeDefined();
  const sheet = await api.get<LessonSheet>(lessonPath((lesson as LessonRef).id));
  expect(sheet.keptByCaller, 'the demo teacher keeps it').toBe(true);
  expect(sheet.entryLock, 'its entries are open').toBeUndefined();
  return lesson as LessonRef;
}

/** The lesson has the PDF attached: through the API as the teacher's page does it, when it has not. */
async function lessonWithPdf(request: APIRequestContext): Promise<{ lesson: LessonRef; file: FileRef }> {
  const api = await apiAs(request, 'teacher');
  const lesson = await homeworkLesson(api);
  const found = (await api.get<LessonSheet>(lessonPath(lesson.id))).lesson.homeworkFiles?.find((f) => f.name === PDF_NAME);
  if (found) return { lesson, file: found };
  const upload = await api.send<{ uploadId: string; url: string; headers: Record<string, string> }>('POST', `${lessonPath(lesson.id)}/homework-uploads`, {
    fileName: PDF_NAME,
    contentType: 'application/pdf',
    size: PDF.length,
  });
  expect(upload.status, JSON.stringify(upload.json)).toBe(201);
  const put = await request.fetch(upload.json.url, { method: 'PUT', headers: upload.json.headers, data: PDF });
  expect(put.status(), await put.text()).toBe(200);
  const { lesson: now } = await api.get<LessonSheet>(lessonPath(lesson.id));
  const attached = await api.send<{ lesson: { homeworkFiles: FileRef[] } }>('POST', `${lessonPath(lesson.id)}/homework-files`, {
    clientRequestId: crypto.randomUUID(),
    uploadId: upload.json.uploadId,
    expectedVersion: now.version,
  });
  expect(attached.status, JSON.stringify(attached.json)).toBe(200);
  return { lesson, file: attached.json.lesson.homeworkFiles.find((f) => f.name === PDF_NAME) as FileRef };
}

function entry(page: Page) {
  return page.getByRole('region', { name: 'Запись об уроке' });
}

test('the teacher attaches a PDF to the homework, a forbidden file is refused, another is taken off again', async ({ page }) => {
  test.slow(); // three uploads, two axe runs
  const api = await apiAs(page.request, 'teacher');
  const lesson = await homeworkLesson(api);
  // A run before this one in the same server may have left the PDF: start without it.
  const before = await api.get<LessonSheet>(lessonPath(lesson.id));
  for (const f of before.lesson.homeworkFiles ?? []) {
    const { lesson: now } = await api.get<LessonSheet>(lessonPath(lesson.id));
    const removed = await api.send('POST', `${lessonPath(lesson.id)}/homework-files/${f.id}/remove`, { clientRequestId: crypto.randomUUID(), expectedVersion: now.version });
    expect(removed.status).toBe(200);
  }

  await signIn(page, 'teacher');
  await page.goto(lessonUrl(lesson.id));
  const form = entry(page);
  const homework = form.getByRole('group', { name: 'Домашнее задание' });
  const input = homework.getByLabel('Приложить файлы', { exact: true });
  await expect(input).toBeVisible();
  await expect(input).toHaveAttribute('accept', /\.pdf/);
  await expect(homework).toContainText('PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG, текст — до 10 МБ, не больше 10 файлов');
  await expect(input).toHaveAccessibleDescription('PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG, текст — до 10 МБ, не больше 10 файлов');

  // The PDF: uploaded, checked by the API, listed with its type and size.
  await input.setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: PDF });
  await expect(homework.getByRole('status').filter({ hasText: `${PDF_NAME} — Приложен` })).toBeVisible();
  const attached = homework.getByRole('list', { name: 'Приложенные файлы' });
  await expect(attached.getByRole('listitem')).toHaveCount(1);
  await expect(attached.getByRole('listitem').first()).toContainText(PDF_NAME);
  await expect(attached.getByRole('listitem').first()).toContainText('PDF, 1 КБ');

  // The attach moved the lesson's version: the text saved next does not conflict with it.
  await form.getByLabel('Задание', { exact: true }).fill('Решить задачи из файла: № 1–5');
  await form.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(form.getByRole('status').filter({ hasText: /^Сохранено/ })).toBeVisible();
  await expect(form.getByRole('group', { name: /^Урок уже изменил/ })).toHaveCount(0);

  // A type the school does not take: refused in the page with the types it does, nothing listed.
  await input.setInputFiles({ name: 'script.html', mimeType: 'text/html', buffer: Buffer.from('<script>alert(1)</script>') });
  const refusal = homework.getByRole('alert');
  await expect(refusal).toContainText('script.html — Такой файл приложить нельзя. Можно: PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG, текст.');
  await expect(attached.getByRole('listitem')).toHaveCount(1);
  await expect(attached).not.toContainText('script.html');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'homework-files-editor-desktop');

  // The teacher's own «Скачать»: the file under its name.
  const [download] = await Promise.all([page.waitForEvent('download'), attached.getByRole('button', { name: `Скачать «${PDF_NAME}»` }).click()]);
  expect(download.suggestedFilename()).toBe(PDF_NAME);

  // A second file, then taken off again after the confirmation.
  await input.setInputFiles({ name: 'Правило.txt', mimeType: 'text/plain', buffer: Buffer.from('Правило: при сложении дробей с одинаковыми знаменателями…\n') });
  await expect(attached.getByRole('listitem')).toHaveCount(2);
  await expect(attached.getByRole('listitem').nth(1)).toContainText('текст, 1 КБ');
  await attached.getByRole('button', { name: 'Убрать «Правило.txt»' }).click();
  const dialog = page.getByRole('dialog', { name: 'Убрать файл из задания?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Отмена' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Убрать файл' }).click();
  await expect(dialog).toBeHidden();
  await expect(homework.getByRole('status').filter({ hasText: 'Файл «Правило.txt» убран из задания.' })).toBeVisible();
  await expect(attached.getByRole('listitem')).toHaveCount(1);
  await expect(input).toBeFocused();

  // As the API keeps it: a reload lists the PDF only; the text is saved too.
  await page.reload();
  await expect(entry(page).getByRole('list', { name: 'Приложенные файлы' }).getByRole('listitem')).toHaveCount(1);
  await expect(entry(page).getByLabel('Задание', { exact: true })).toHaveValue('Решить задачи из файла: № 1–5');
  const after = await api.get<LessonSheet>(lessonPath(lesson.id));
  expect(after.lesson.homeworkFiles?.map((f) => f.name)).toEqual([PDF_NAME]);
});

test('the director reads the lesson: its files to download, no controls', async ({ page }) => {
  const { lesson } = await lessonWithPdf(page.request);
  await signIn(page, 'director');
  await page.goto(lessonUrl(lesson.id));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${CLASS} · ${SUBJECT}`);
  const files = page.getByRole('list', { name: 'Файлы к заданию' });
  await expect(files.getByRole('button', { name: `${PDF_NAME} (PDF, 1 КБ)` })).toBeVisible();
  await expect(page.getByLabel('Приложить файлы')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Убрать/ })).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), files.getByRole('button', { name: `${PDF_NAME} (PDF, 1 КБ)` }).click()]);
  expect(download.suggestedFilename()).toBe(PDF_NAME);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'homework-files-lesson-reader-desktop');
});

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('the teacher’s list of files fits the phone', async ({ page }) => {
    const { lesson } = await lessonWithPdf(page.request);
    await signIn(page, 'teacher');
    await page.goto(lessonUrl(lesson.id));
    const homework = entry(page).getByRole('group', { name: 'Домашнее задание' });
    await expect(homework.getByRole('list', { name: 'Приложенные файлы' })).toContainText(PDF_NAME);
    await expect(homework.getByRole('button', { name: `Убрать «${PDF_NAME}»` })).toBeVisible();
    await homework.getByLabel('Приложить файлы', { exact: true }).scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'homework-files-editor-phone');
  });

  test('the parent finds the file in the diary week of the lesson and downloads it', async ({ page }) => {
    test.slow(); // sign-in, the diary, a download, axe
    const { lesson, file } = await lessonWithPdf(page.request);

    await signIn(page, 'parent');
    await openSection(page, 'Дети и дневник');
    await page
      .getByRole('main')
      .getByRole('listitem')
      .filter({ hasText: `${CLASS} класс` })
      .filter({ has: page.getByRole('heading', { level: 2 }) })
      .getByRole('link', { name: 'Дневник' })
      .click();
    await expect(page.getByText(/, 5А класс$/)).toBeVisible();
    const studentId = decodeURIComponent(/#\/diary\/([^/]+)/.exec(page.url())?.[1] ?? '');
    expect(studentId, 'the diary address names the student').not.toBe('');

    // The week of the lesson's date.
    await page.goto(`/#/diary/${encodeURIComponent(studentId)}/${currentWeek(lesson.date)}`);
    await expect(page.getByRole('status').filter({ hasText: 'Загрузка' })).toHaveCount(0);
    const files = page.getByRole('list', { name: `Файлы к заданию: ${SUBJECT}` });
    const button = files.getByRole('button', { name: `${PDF_NAME} (PDF, 1 КБ)` });
    await expect(button).toBeVisible();
    await button.scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // A tap target a finger hits.
    expect((await button.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'homework-files-diary-phone');

    const [download] = await Promise.all([page.waitForEvent('download'), button.tap()]);
    expect(download.suggestedFilename()).toBe(file.name);
    expect(readFileSync(await download.path())).toEqual(PDF);
    // The page stays where it was.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Дневник');
  });
});
