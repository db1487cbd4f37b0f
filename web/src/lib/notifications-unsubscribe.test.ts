import { describe, expect, it } from 'vitest';
import { errorCatalog } from '#shared/api/errors.ts';
import { ApiError } from './api.ts';
import {
  INVALID_LINK_TEXT,
  alreadyOff,
  currentText,
  doneText,
  invalidLinkText,
  isInvalidLink,
  lettersText,
  previewText,
  previewUnsubscribe,
  unsubscribe,
  type UnsubscribePreview,
} from './notifications-unsubscribe.ts';
import { apiError, fakeApi, json } from './notifications-test-support.ts';

const preview = (extra: Partial<UnsubscribePreview> = {}): UnsubscribePreview => ({
  scope: 'mark',
  maskedEmail: 'в***@mail.ru',
  expiresAt: '2027-01-07T00:00:00.000Z',
  current: { mark: 'instant' },
  ...extra,
});

describe('what the link stops, in Russian', () => {
  it('names the topic’s letters and the address', () => {
    expect(lettersText('mark')).toBe('письма об отметках');
    expect(lettersText('absence')).toBe('письма о пропусках и опозданиях');
    expect(lettersText('homework')).toBe('письма о домашних заданиях');
    expect(lettersText('final-mark')).toBe('письма об итоговых отметках');
    expect(lettersText('all')).toBe('все письма Классного журнала');
    expect(previewText(preview())).toBe('Письма об отметках на адрес в***@mail.ru больше не будут приходить, если вы нажмёте «Отписаться».');
    expect(doneText(preview())).toBe('Готово. Письма об отметках на адрес в***@mail.ru больше не будут приходить.');
    expect(doneText(preview({ scope: 'all', maskedEmail: null }))).toBe('Готово. Все письма Классного журнала больше не будут приходить.');
  });
  it('says how they come now, and when they are off already', () => {
    expect(currentText(preview())).toBe('Сейчас: сразу.');
    expect(currentText(preview({ scope: 'all', current: { mark: 'digest', absence: 'instant', homework: 'digest' } }))).toBe('Сейчас: раз в день, сразу.');
    expect(currentText(preview({ current: {} }))).toBeNull();
    expect(alreadyOff(preview())).toBe(false);
    expect(alreadyOff(preview({ current: { mark: 'off' } }))).toBe(true);
    expect(alreadyOff(preview({ current: {} }))).toBe(false);
  });
});

describe('a link that does not work', () => {
  it('keeps the copied message equal to the API’s', () => {
    expect(INVALID_LINK_TEXT).toBe(errorCatalog.UNSUBSCRIBE_LINK_INVALID.message);
  });
  it('is the API’s refusal, or a token it would not read', () => {
    const invalid = new ApiError(422, 'UNSUBSCRIBE_LINK_INVALID', 'Ссылка повреждена.');
    expect(isInvalidLink(invalid)).toBe(true);
    expect(invalidLinkText(invalid)).toBe('Ссылка повреждена.');
    const short = new ApiError(400, 'VALIDATION_FAILED', 'Проверьте введённые данные.', [{ path: 'body.token', message: 'Слишком короткая строка' }]);
    expect(isInvalidLink(short)).toBe(true);
    expect(invalidLinkText(short)).toBe(INVALID_LINK_TEXT);
    expect(isInvalidLink(new ApiError(0, 'NETWORK', 'Нет связи.'))).toBe(false);
    expect(isInvalidLink(new Error('x'))).toBe(false);
  });
});

describe('the calls', () => {
  it('previews and unsubscribes with the token, nothing else', async () => {
    const { api, calls } = fakeApi([json(preview()), json(preview({ current: { mark: 'off' } })), apiError(422, 'UNSUBSCRIBE_LINK_INVALID', 'Ссылка повреждена.')]);
    expect(await previewUnsubscribe(api, 'token-123456')).toEqual(preview());
    expect(alreadyOff(await unsubscribe(api, 'token-123456'))).toBe(true);
    const error = await previewUnsubscribe(api, 'tampered-123').catch((e: unknown) => e);
    expect(isInvalidLink(error)).toBe(true);
    expect(calls).toEqual([
      { method: 'POST', url: '/api/unsubscribe/preview', body: { token: 'token-123456' } },
      { method: 'POST', url: '/api/unsubscribe', body: { token: 'token-123456' } },
      { method: 'POST', url: '/api/unsubscribe/preview', body: { token: 'tampered-123' } },
    ]);
  });
});
