/**
 * The unsubscribe page (a link from an e-mail, no sign-in): what the link stops, in Russian. The
 * page asks what the link stops when it opens and unsubscribes only on «Отписаться» — mail
 * scanners that open every link must not unsubscribe anyone.
 */
import { ApiError, type ApiClient } from './api.ts';
import { NOTIFICATION_TOPIC_ABOUT, type NotificationTopic } from './notifications.ts';
import { EMAIL_MODE_LABELS, type EmailMode } from './notifications-settings.ts';
import { callOperation, type OperationOutput } from './operations.ts';

export type UnsubscribePreview = OperationOutput<'previewUnsubscribe'>;

export const INVALID_LINK_CODE = 'UNSUBSCRIBE_LINK_INVALID';

/** The API's message for such a link (`UNSUBSCRIBE_LINK_INVALID` of shared/api/errors.ts, a zod module). */
export const INVALID_LINK_TEXT =
  'Ссылка для отписки повреждена или устарела. Откройте ссылку из последнего письма или измените настройки уведомлений в разделе «Уведомления» после входа.';

/** «письма об отметках», or «все письма Классного журнала». */
export function lettersText(scope: UnsubscribePreview['scope']): string {
  return scope === 'all' ? 'все письма Классного журнала' : `письма ${NOTIFICATION_TOPIC_ABOUT[scope as NotificationTopic]}`;
}

/** «Письма об отметках на адрес в***@mail.ru». */
function whatText(preview: UnsubscribePreview): string {
  const letters = lettersText(preview.scope);
  const capital = letters.charAt(0).toLocaleUpperCase('ru') + letters.slice(1);
  return preview.maskedEmail ? `${capital} на адрес ${preview.maskedEmail}` : capital;
}

/** The question before «Отписаться». */
export function previewText(preview: UnsubscribePreview): string {
  return `${whatText(preview)} больше не будут приходить, если вы нажмёте «Отписаться».`;
}

/** After «Отписаться». */
export function doneText(preview: UnsubscribePreview): string {
  return `Готово. ${whatText(preview)} больше не будут приходить.`;
}

/** True when every e-mail the link stops is off already. */
export function alreadyOff(preview: UnsubscribePreview): boolean {
  const modes = Object.values(preview.current);
  return modes.length > 0 && modes.every((m) => m === 'off');
}

/** How those e-mails come now: «сейчас: сразу» / «сейчас: раз в день», or null when not known. */
export function currentText(preview: UnsubscribePreview): string | null {
  const modes = [...new Set(Object.values(preview.current))].filter((m): m is EmailMode => m in EMAIL_MODE_LABELS);
  if (modes.length === 0) return null;
  return `Сейчас: ${modes.map((m) => EMAIL_MODE_LABELS[m].toLocaleLowerCase('ru')).join(', ')}.`;
}

/**
 * A tampered or expired link: the API's `UNSUBSCRIBE_LINK_INVALID`, or a token it would not even
 * read (too short or too long: a 400 naming the token).
 */
export function isInvalidLink(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.code === INVALID_LINK_CODE || (error.status === 400 && error.fields.some((f) => /(^|\.)token$/.test(f.path)));
}

/** What the page says for a link that does not work (the API's message when it gave its own). */
export function invalidLinkText(error: unknown): string {
  return error instanceof ApiError && error.code === INVALID_LINK_CODE ? error.message : INVALID_LINK_TEXT;
}

export function previewUnsubscribe(api: ApiClient, token: string): Promise<UnsubscribePreview> {
  return callOperation(api, 'previewUnsubscribe', { body: { token } });
}

export function unsubscribe(api: ApiClient, token: string): Promise<UnsubscribePreview> {
  return callOperation(api, 'unsubscribe', { body: { token } });
}
