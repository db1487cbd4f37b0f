/**
 * The unread count the bell shows, shared with the pages: a page that learns it (the list page
 * marking all read) reports it here, and the bell's poller counts that as a request made.
 */
export const unread = $state<{ count: number | null }>({ count: null });

let listener: ((count: number) => void) | null = null;

/** A page learnt the unread count from an answer of the API. */
export function reportUnread(count: number): void {
  unread.count = count;
  listener?.(count);
}

/** The bell listens while it is shown; returns the way to stop. */
export function onUnreadReported(callback: (count: number) => void): () => void {
  listener = callback;
  return () => {
    if (listener === callback) listener = null;
  };
}
