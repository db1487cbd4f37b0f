import type { APIRequestContext } from '@playwright/test';
import { accessTokenOf, expect } from './support.ts';

/**
 * The API as a demo login calls it, for the browser tests to find their data (a journal, a lesson,
 * a period's final marks) and to make a change "by someone else" in between — never to check
 * what the page should show by the page's own means.
 */
export type Api = {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'PUT' | 'POST', path: string, body: unknown): Promise<{ status: number; json: T }>;
};

export async function apiAs(request: APIRequestContext, login: string): Promise<Api> {
  const headers = { Authorization: `Bearer ${await accessTokenOf(request, login)}` };
  return {
    async get<T>(path: string): Promise<T> {
      const response = await request.get(path, { headers });
      expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
      return (await response.json()) as T;
    },
    async send<T>(method: 'PUT' | 'POST', path: string, body: unknown) {
      const response = await request.fetch(path, { method, headers, data: body });
      return { status: response.status(), json: (await response.json()) as T };
    },
  };
}

export type JournalRef = { groupId: string; subjectId: string; classId: string; className: string; subjectName: string; grade: number; relation: string };
export type LessonRef = {
  id: string;
  date: string;
  slot: number;
  status: 'planned' | 'conducted' | 'cancelled';
  topic?: string;
  isDistance: boolean;
  filledAt?: string;
  version: number;
};
export type Journal = { period: { id: string; name: string; startDate: string; endDate: string }; lessons: LessonRef[]; today?: string };

/** A journal the login may open, by class and subject name. */
export async function findJournal(api: Api, className: string, subjectName: string): Promise<JournalRef> {
  const mine = await api.get<{ journals: JournalRef[] }>('/api/me/journals');
  const journal = mine.journals.find((j) => j.className === className && j.subjectName === subjectName);
  expect(journal, `${className} · ${subjectName} among the journals`).toBeTruthy();
  return journal as JournalRef;
}

export function journalPath(j: Pick<JournalRef, 'groupId' | 'subjectId'>, suffix = ''): string {
  return `/api/journals/${encodeURIComponent(j.groupId)}/${encodeURIComponent(j.subjectId)}${suffix}`;
}

export async function journalOf(api: Api, j: Pick<JournalRef, 'groupId' | 'subjectId'>, periodId?: string): Promise<Journal> {
  const journal = await api.get<Journal>(`${journalPath(j)}${periodId ? `?periodId=${periodId}` : ''}`);
  journal.lessons.sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
  return journal;
}

/** The page of a lesson: `/#/lesson/<id>` (the id holds Cyrillic letters: percent-encoded). */
export function lessonUrl(lessonId: string): string {
  return `/#/lesson/${encodeURIComponent(lessonId)}`;
}

/** The href the web writes for a lesson. */
export function lessonHref(lessonId: string): string {
  return `#/lesson/${encodeURIComponent(lessonId)}`;
}

/** `2026-12-07` → `07.12.2026`. */
export function shortDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
