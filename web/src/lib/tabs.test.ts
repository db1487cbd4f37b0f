import { afterEach, describe, expect, it } from 'vitest';
import { TABS_CHANNEL, isSignOutOf, openTabChannel, type TabChannel } from './tabs.ts';

const opened: TabChannel[] = [];
afterEach(() => {
  for (const channel of opened.splice(0)) channel.close();
});

function tab(): { channel: TabChannel; heard: unknown[] } {
  const heard: unknown[] = [];
  const channel = openTabChannel((data) => heard.push(data));
  opened.push(channel);
  return { channel, heard };
}

const delivered = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('tabs of one browser', () => {
  it('hear another tab sign an account out; the tab that said it does not', async () => {
    const one = tab();
    const two = tab();
    one.channel.announceSignOut('sub-1');
    await delivered();
    expect(two.heard).toEqual([{ kind: 'signed-out', userId: 'sub-1' }]);
    expect(one.heard).toEqual([]);
    expect(isSignOutOf(two.heard[0], 'sub-1')).toBe(true);
  });

  it('follow only a sign-out of the account signed in there', () => {
    expect(isSignOutOf({ kind: 'signed-out', userId: 'sub-1' }, 'sub-2')).toBe(false);
    expect(isSignOutOf({ kind: 'signed-out', userId: 'sub-1' }, undefined)).toBe(false);
    expect(isSignOutOf({ kind: 'something-else', userId: 'sub-1' }, 'sub-1')).toBe(false);
    expect(isSignOutOf('signed-out', 'sub-1')).toBe(false);
    expect(isSignOutOf(null, 'sub-1')).toBe(false);
  });

  it('the message carries no token', async () => {
    const listener = new BroadcastChannel(TABS_CHANNEL);
    const heard: unknown[] = [];
    listener.onmessage = (event: MessageEvent) => heard.push(event.data);
    tab().channel.announceSignOut('sub-1');
    await delivered();
    listener.close();
    expect(Object.keys(heard[0] as object).sort()).toEqual(['kind', 'userId']);
  });

  it('without BroadcastChannel the tabs simply do not hear each other', () => {
    const channel = openTabChannel(() => {}, null);
    expect(() => channel.announceSignOut('sub-1')).not.toThrow();
    expect(() => channel.close()).not.toThrow();
  });
});
