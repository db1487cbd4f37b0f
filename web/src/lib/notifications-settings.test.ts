import { describe, expect, it } from 'vitest';
import { defaultNotificationSettings, emailModeSchema } from '#shared/domain/notification.ts';
import { ApiError } from './api.ts';
import {
  EMAIL_MODES,
  EMAIL_MODE_LABELS,
  formFromSettings,
  formProblems,
  getNotificationSettings,
  isConflict,
  sameSettings,
  settingsFieldErrors,
  settingsFromForm,
  updateBody,
  updateNotificationSettings,
  type NotificationSettings,
} from './notifications-settings.ts';
import { apiError, fakeApi, json } from './notifications-test-support.ts';

const settings = (): NotificationSettings => defaultNotificationSettings();
const REQUEST_ID = '6f1c2a9e-3b7d-4c1a-9e2f-0a1b2c3d4e5f';

describe('the e-mail choices', () => {
  it('offers exactly the API’s modes, in Russian', () => {
    expect([...EMAIL_MODES]).toEqual(emailModeSchema.options);
    expect(EMAIL_MODES.map((m) => EMAIL_MODE_LABELS[m])).toEqual(['Сразу', 'Раз в день', 'Не присылать']);
  });
});

describe('the form and the request', () => {
  it('reads the settings into the form and gives the same settings back', () => {
    const form = formFromSettings(settings());
    expect(form.topics.mark).toEqual({ inApp: true, email: 'digest' });
    expect(form).toMatchObject({ quietOn: true, quietFrom: '21:00', quietTo: '08:00', digestTime: '19:00' });
    expect(settingsFromForm(form)).toEqual(settings());
  });

  it('turns the form’s changes into the request body', () => {
    const form = formFromSettings(settings());
    form.topics.mark.email = 'instant';
    form.topics.homework.inApp = false;
    form.digestTime = '20:30';
    const body = updateBody(settingsFromForm(form), 3, REQUEST_ID);
    expect(body).toEqual({
      clientRequestId: REQUEST_ID,
      expectedVersion: 3,
      settings: {
        topics: {
          mark: { inApp: true, email: 'instant' },
          absence: { inApp: true, email: 'instant' },
          homework: { inApp: false, email: 'off' },
          'final-mark': { inApp: true, email: 'instant' },
        },
        quietHours: { from: '21:00', to: '08:00' },
        digestTime: '20:30',
      },
    });
    // The form is a copy: the settings read are not changed by editing it.
    expect(settings().topics.mark.email).toBe('digest');
  });

  it('sends quiet hours switched off as null, and keeps the times to switch them on again', () => {
    const form = formFromSettings(settings());
    form.quietOn = false;
    expect(settingsFromForm(form).quietHours).toBeNull();
    const off = formFromSettings({ ...settings(), quietHours: null }, { ...settings(), quietHours: { from: '22:00', to: '07:00' } });
    expect(off).toMatchObject({ quietOn: false, quietFrom: '22:00', quietTo: '07:00' });
    const none = formFromSettings({ ...settings(), quietHours: null });
    expect(none).toMatchObject({ quietOn: false, quietFrom: '21:00', quietTo: '08:00' });
  });

  it('sends null for «Как в школе», with the version read', () => {
    expect(updateBody(null, 0, REQUEST_ID)).toEqual({ clientRequestId: REQUEST_ID, expectedVersion: 0, settings: null });
  });

  it('knows when nothing changed', () => {
    expect(sameSettings(settings(), settings())).toBe(true);
    expect(sameSettings(settings(), { ...settings(), digestTime: '19:30' })).toBe(false);
    expect(sameSettings(settings(), { ...settings(), quietHours: null })).toBe(false);
    expect(sameSettings({ ...settings(), quietHours: null }, { ...settings(), quietHours: null })).toBe(true);
    expect(sameSettings(settings(), { ...settings(), quietHours: { from: '21:00', to: '07:00' } })).toBe(false);
    const other = settings();
    other.topics['final-mark'].inApp = false;
    expect(sameSettings(settings(), other)).toBe(false);
  });

  it('checks the times before sending', () => {
    const form = formFromSettings(settings());
    expect(formProblems(form)).toEqual({});
    form.quietTo = '21:00';
    expect(formProblems(form)).toEqual({ quietTo: 'Начало и конец тихих часов не должны совпадать.' });
    form.quietFrom = '';
    form.digestTime = '25:00';
    expect(formProblems(form)).toEqual({ quietFrom: 'Укажите время начала, например 21:00.', digestTime: 'Укажите время, например 19:00.' });
    form.quietOn = false; // switched off, its times do not matter
    form.digestTime = '07:00';
    expect(formProblems(form)).toEqual({});
  });
});

describe('the API’s answers', () => {
  it('puts field messages next to their fields', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Проверьте введённые данные.', [
      { path: 'body.settings.quietHours.from', message: 'Время должно быть в формате ЧЧ:ММ' },
      { path: 'body.settings.quietHours', message: 'Начало и конец тихих часов не должны совпадать' },
      { path: 'body.settings.digestTime', message: 'Время должно быть в формате ЧЧ:ММ' },
      { path: 'body.expectedVersion', message: 'Ожидается число' },
    ]);
    expect(settingsFieldErrors(error)).toEqual({
      fields: {
        quietFrom: 'Время должно быть в формате ЧЧ:ММ',
        quietTo: 'Начало и конец тихих часов не должны совпадать',
        digestTime: 'Время должно быть в формате ЧЧ:ММ',
      },
      other: ['Ожидается число'],
    });
  });

  it('tells a conflict from other refusals', () => {
    expect(isConflict(new ApiError(409, 'CONFLICT', 'Изменено.'))).toBe(true);
    expect(isConflict(new ApiError(409, 'IDEMPOTENCY_KEY_REUSED', 'Повтор.'))).toBe(false);
    expect(isConflict(new ApiError(400, 'VALIDATION_FAILED', 'Нет.'))).toBe(false);
    expect(isConflict(new Error('x'))).toBe(false);
  });

  it('reads and saves through the operations', async () => {
    const view = { settings: settings(), schoolDefaults: settings(), isSchoolDefault: true, email: 'dmitry@mail.example', version: 0 };
    const { api, calls } = fakeApi([json(view), json({ ...view, isSchoolDefault: false, version: 1 }), apiError(409, 'CONFLICT', 'Запись изменена.')]);
    expect(await getNotificationSettings(api)).toEqual(view);
    const saved = await updateNotificationSettings(api, updateBody(settings(), 0, REQUEST_ID));
    expect(saved.version).toBe(1);
    const stale = await updateNotificationSettings(api, updateBody(null, 0, REQUEST_ID)).catch((e: unknown) => e);
    expect(isConflict(stale)).toBe(true);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/me/notification-settings',
      'PUT /api/me/notification-settings',
      'PUT /api/me/notification-settings',
    ]);
    expect(calls[1]?.body).toEqual({ clientRequestId: REQUEST_ID, expectedVersion: 0, settings: settings() });
    expect(calls[2]?.body).toEqual({ clientRequestId: REQUEST_ID, expectedVersion: 0, settings: null });
  });

  it('sends bodies the API’s own schema accepts', async () => {
    const { updateNotificationSettingsBodySchema } = await import('#shared/api/notifications.ts');
    const form = formFromSettings(settings());
    form.topics.mark.email = 'instant';
    form.quietOn = false;
    expect(updateNotificationSettingsBodySchema.safeParse(updateBody(settingsFromForm(form), 2, REQUEST_ID)).success).toBe(true);
    expect(updateNotificationSettingsBodySchema.safeParse(updateBody(null, 0, REQUEST_ID)).success).toBe(true);
  });
});
