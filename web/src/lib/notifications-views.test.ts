import { describe, expect, it } from 'vitest';
import { navigationFor } from './roles.ts';
import { publicView, resolveView, viewKey } from './views.ts';

describe('the notification pages', () => {
  it('gives parents and students the list and the settings, under «Уведомления»', () => {
    for (const role of ['parent', 'student'] as const) {
      expect(navigationFor(role).map((s) => s.path)).toContain('/notifications');
      expect(resolveView('/notifications', role)).toMatchObject({ kind: 'notifications', title: 'Уведомления', navPath: '/notifications' });
      expect(resolveView('/notifications/settings', role)).toMatchObject({
        kind: 'notification-settings',
        title: 'Настройки уведомлений',
        navPath: '/notifications',
      });
    }
  });

  it('gives staff neither (not yet)', () => {
    for (const role of ['teacher', 'coordinator', 'director', 'operator'] as const) {
      expect(navigationFor(role).map((s) => s.path)).not.toContain('/notifications');
      expect(resolveView('/notifications', role)).toMatchObject({ kind: 'unavailable', title: 'Уведомления' });
      expect(resolveView('/notifications/settings', role)).toMatchObject({ kind: 'unavailable', title: 'Уведомления' });
    }
    expect(resolveView('/notifications/other', 'parent').kind).toBe('not-found');
  });

  it('opens the unsubscribe link without signing in, for any role too', () => {
    expect(publicView('/unsubscribe/abc.DEF-123_x')).toMatchObject({ kind: 'unsubscribe', token: 'abc.DEF-123_x', title: 'Отписка от писем' });
    expect(resolveView('/unsubscribe/abc', 'teacher')).toMatchObject({ kind: 'unsubscribe', token: 'abc' });
    expect(publicView('/unsubscribe')).toBeNull();
    expect(publicView('/unsubscribe/a/b')).toBeNull();
    const a = publicView('/unsubscribe/a');
    const b = publicView('/unsubscribe/b');
    expect(a && b && viewKey(a) !== viewKey(b)).toBe(true);
  });
});
