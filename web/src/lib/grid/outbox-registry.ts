/**
 * One outbox per signed-in account for the whole tab — not per page — so edits keep going out
 * while the teacher moves between pages, and a journal opened again shows what still waits.
 * App.svelte resumes it at sign-in (what an earlier visit left goes out) and clears it at
 * sign-out (nothing of the account's edits stays in the browser) — except after the idle
 * sign-out, which keeps them for the same account's next sign-in.
 */
import type { ApiClient } from '../api.ts';
import { callOperation } from '../operations.ts';
import { Outbox, type OutboxRecord } from './outbox.ts';
import { browserStorage } from './pending-store.ts';

type Entry = { api: ApiClient; outbox: Outbox; dispose: () => void };
const entries = new Map<string, Entry>();

export function outboxFor(api: ApiClient, userId: string): Outbox {
  const existing = entries.get(userId);
  if (existing?.api === api) return existing.outbox;
  existing?.dispose();
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const outbox = new Outbox({
    userId,
    storage: browserStorage<OutboxRecord>(),
    transport: {
      saveMarks: (lessonId, body) => callOperation(api, 'saveLessonMarks', { params: { lessonId }, body }),
      saveAttendance: (lessonId, body) => callOperation(api, 'saveAttendance', { params: { lessonId }, body }),
      getLesson: (lessonId) => callOperation(api, 'getLesson', { params: { lessonId } }),
    },
    online: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
    ...(locks ? { lock: <T>(work: () => Promise<T>) => locks.request(`klassny-outbox:${userId}`, work) as Promise<T> } : {}),
  });
  const onOnline = (): void => outbox.retryAll();
  const onOffline = (): void => outbox.retryAll(); // marks what waits as unsent at once
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  const entry: Entry = {
    api,
    outbox,
    dispose: () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      outbox.dispose();
    },
  };
  entries.set(userId, entry);
  return outbox;
}

/** Signed in (or the session came back with the tab): what waits from an earlier visit goes out now. */
export function resumeOutbox(api: ApiClient, userId: string): void {
  outboxFor(api, userId).retryAll();
}

/** Signed out, edits kept for the next sign-in (the idle sign-out, another tab's): this tab stops sending. */
export function forgetOutbox(userId: string): void {
  entries.get(userId)?.dispose();
  entries.delete(userId);
}

/** Signed out on purpose: the account's waiting edits are deleted from this browser. */
export async function clearPendingEdits(userId: string): Promise<void> {
  const entry = entries.get(userId);
  entries.delete(userId);
  if (entry) {
    entry.dispose();
    await entry.outbox.clear();
    return;
  }
  await browserStorage<OutboxRecord>().clear(userId);
}
