/**
 * «Настройки уведомлений»: the form's state from the API's view, the request from the form, the
 * checks before sending and the API's refusals by field. Pure apart from the calls.
 */
import { ApiError, type ApiClient } from './api.ts';
import { NOTIFICATION_TOPICS, type NotificationTopic } from './notifications.ts';
import { callOperation, type OperationInput, type OperationOutput } from './operations.ts';

export type NotificationSettingsView = OperationOutput<'getNotificationSettings'>;
export type NotificationSettings = NotificationSettingsView['settings'];
export type EmailMode = NotificationSettings['topics']['mark']['email'];
export type UpdateSettingsBody = OperationInput<'updateNotificationSettings'>['body'];

/** The e-mail choices in the order offered (= `emailModeSchema`). */
export const EMAIL_MODES = ['instant', 'digest', 'off'] as const satisfies readonly EmailMode[];

export const EMAIL_MODE_LABELS: Record<EmailMode, string> = {
  instant: 'Сразу',
  digest: 'Раз в день',
  off: 'Не присылать',
};

export const QUIET_HOURS_HINT = 'В тихие часы письма не отправляются: они придут утром.';

export const CONFLICT_TEXT =
  'Настройки изменены на другом устройстве. Показаны сохранённые сейчас — проверьте их и сохраните ещё раз, если нужно.';

/** Quiet hours offered when the person switches them on and neither they nor the school had any. */
const QUIET_FALLBACK = { from: '21:00', to: '08:00' };

export type SettingsForm = {
  topics: Record<NotificationTopic, { inApp: boolean; email: EmailMode }>;
  quietOn: boolean;
  quietFrom: string;
  quietTo: string;
  digestTime: string;
};

export type SettingsField = 'quietFrom' | 'quietTo' | 'digestTime';

/** The form for these settings; switched-off quiet hours keep the school's times to switch on with. */
export function formFromSettings(settings: NotificationSettings, schoolDefaults?: NotificationSettings): SettingsForm {
  const quiet = settings.quietHours ?? schoolDefaults?.quietHours ?? QUIET_FALLBACK;
  const topics = {} as SettingsForm['topics'];
  for (const topic of NOTIFICATION_TOPICS) topics[topic] = { ...settings.topics[topic] };
  return {
    topics,
    quietOn: settings.quietHours !== null,
    quietFrom: quiet.from,
    quietTo: quiet.to,
    digestTime: settings.digestTime,
  };
}

/** The settings the form stands for. */
export function settingsFromForm(form: SettingsForm): NotificationSettings {
  const topics = {} as NotificationSettings['topics'];
  for (const topic of NOTIFICATION_TOPICS) topics[topic] = { inApp: form.topics[topic].inApp, email: form.topics[topic].email };
  return {
    topics,
    quietHours: form.quietOn ? { from: form.quietFrom, to: form.quietTo } : null,
    digestTime: form.digestTime,
  };
}

export function sameSettings(a: NotificationSettings, b: NotificationSettings): boolean {
  return (
    NOTIFICATION_TOPICS.every((t) => a.topics[t].inApp === b.topics[t].inApp && a.topics[t].email === b.topics[t].email) &&
    a.digestTime === b.digestTime &&
    (a.quietHours === null ? b.quietHours === null : b.quietHours !== null && a.quietHours.from === b.quietHours.from && a.quietHours.to === b.quietHours.to)
  );
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What is wrong with the form before sending, by field (empty when it may go). */
export function formProblems(form: SettingsForm): Partial<Record<SettingsField, string>> {
  const problems: Partial<Record<SettingsField, string>> = {};
  if (!TIME.test(form.digestTime)) problems.digestTime = 'Укажите время, например 19:00.';
  if (form.quietOn) {
    if (!TIME.test(form.quietFrom)) problems.quietFrom = 'Укажите время начала, например 21:00.';
    if (!TIME.test(form.quietTo)) problems.quietTo = 'Укажите время окончания, например 08:00.';
    if (!problems.quietFrom && !problems.quietTo && form.quietFrom === form.quietTo) {
      problems.quietTo = 'Начало и конец тихих часов не должны совпадать.';
    }
  }
  return problems;
}

/** The request that saves the form (`settings` null: back to the school's defaults). */
export function updateBody(settings: NotificationSettings | null, expectedVersion: number, clientRequestId: string): UpdateSettingsBody {
  return { clientRequestId, expectedVersion, settings };
}

/** The API's field messages of a refusal, by field (`body.settings.quietHours.from` → quietFrom); the rest apart. */
export function settingsFieldErrors(error: ApiError): { fields: Partial<Record<SettingsField, string>>; other: string[] } {
  const fields: Partial<Record<SettingsField, string>> = {};
  const other: string[] = [];
  for (const f of error.fields) {
    const field: SettingsField | null = /quietHours\.from$/.test(f.path)
      ? 'quietFrom'
      : /quietHours(\.to)?$/.test(f.path)
        ? 'quietTo'
        : /digestTime$/.test(f.path)
          ? 'digestTime'
          : null;
    if (field && !fields[field]) fields[field] = f.message;
    else other.push(f.message);
  }
  return { fields, other };
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 409 || error.code === 'CONFLICT') && error.code !== 'IDEMPOTENCY_KEY_REUSED';
}

/** What the page says when the person has no e-mail address (a link to «Мои данные» follows). */
export const NO_EMAIL_TEXT = 'Письма не отправляются: адрес электронной почты не указан.';

export function getNotificationSettings(api: ApiClient): Promise<NotificationSettingsView> {
  return callOperation(api, 'getNotificationSettings', {});
}

export function updateNotificationSettings(api: ApiClient, body: UpdateSettingsBody): Promise<NotificationSettingsView> {
  return callOperation(api, 'updateNotificationSettings', { body });
}
