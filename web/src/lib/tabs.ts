/**
 * The tabs of one browser tell each other that an account signed out, so that «Выйти» in one
 * tab ends that account's sessions in the others too (each tab has its own session since the
 * tokens live in the tab's sessionStorage). A BroadcastChannel of the site's origin: nothing is
 * stored, the message holds no token, only the account's id (the Cognito sub).
 */

export const TABS_CHANNEL = 'klassny.tabs';

export type SignedOutMessage = { kind: 'signed-out'; userId: string };

/** Is this message another tab's sign-out of the account signed in here? */
export function isSignOutOf(data: unknown, userId: string | null | undefined): boolean {
  if (!userId || typeof data !== 'object' || data === null) return false;
  const message = data as Partial<SignedOutMessage>;
  return message.kind === 'signed-out' && message.userId === userId;
}

export type TabChannel = {
  /** Tells the other tabs that this account signed out here. */
  announceSignOut(userId: string): void;
  close(): void;
};

/**
 * Opens the channel; `onMessage` gets what other tabs post. Without BroadcastChannel (very old
 * browsers) the tabs simply do not hear each other: each session still ends by itself.
 */
export function openTabChannel(
  onMessage: (data: unknown) => void,
  Channel: typeof BroadcastChannel | null = globalThis.BroadcastChannel ?? null,
): TabChannel {
  if (!Channel) return { announceSignOut: () => {}, close: () => {} };
  const channel = new Channel(TABS_CHANNEL);
  channel.onmessage = (event: MessageEvent) => onMessage(event.data);
  return {
    announceSignOut(userId) {
      const message: SignedOutMessage = { kind: 'signed-out', userId };
      try {
        channel.postMessage(message);
      } catch {
        // closed or unavailable: the other tabs end by themselves
      }
    },
    close() {
      channel.close();
    },
  };
}
