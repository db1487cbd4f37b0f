import * as z from 'zod';

/**
 * Stable error codes (for machines) with their HTTP status and the Russian text shown in the UI.
 * Every 4xx the API answers uses one of these; a 5xx only ever says INTERNAL.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, message: 'Проверьте введённые данные.' },
  MALFORMED_JSON: { status: 400, message: 'Тело запроса не является корректным JSON.' },
  UNAUTHENTICATED: { status: 401, message: 'Требуется вход в систему.' },
  SESSION_ENDED: { status: 401, message: 'Сеанс завершён: выполнен выход на всех устройствах или учётная запись отключена. Войдите снова.' },
  CONSENT_REQUIRED: {
    status: 403,
    message: 'Нет согласия на обработку персональных данных. Доступ к данным откроется после того, как согласие будет дано.',
  },
  FORBIDDEN: { status: 403, message: 'Недостаточно прав для этого действия.' },
  NOT_FOUND: { status: 404, message: 'Запись не найдена.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'Такого адреса в API нет.' },
  CONFLICT: { status: 409, message: 'Запись уже изменена другим пользователем. Обновите страницу.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: 'Этот идентификатор запроса уже использован для другого действия. Повторите действие заново.',
  },
  INVITE_CODE_INVALID: {
    status: 422,
    message: 'Код не подходит: он введён с ошибкой, уже использован, отозван или истёк. Проверьте код или попросите новый у классного руководителя (сотрудники — у оператора).',
  },
  LOGIN_TAKEN: { status: 409, message: 'Этот логин уже занят. Придумайте другой.' },
  UNSUBSCRIBE_LINK_INVALID: {
    status: 422,
    message: 'Ссылка для отписки повреждена или устарела. Откройте ссылку из последнего письма или измените настройки уведомлений в разделе «Уведомления» после входа.',
  },
  RULE_VIOLATED: { status: 422, message: 'Действие противоречит Положению об электронном журнале.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Слишком большой запрос.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Ожидается тело запроса в формате JSON.' },
  RATE_LIMITED: { status: 429, message: 'Слишком много запросов. Повторите попытку позже.' },
  INTERNAL: { status: 500, message: 'Внутренняя ошибка сервера. Повторите попытку позже.' },
  BUSY: { status: 503, message: 'Эти записи сейчас изменяют другие пользователи. Ничего не сохранено: повторите через несколько секунд.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export const fieldErrorSchema = z
  .object({
    path: z.string().describe('Where the problem is, e.g. `body.marks.3.value`'),
    message: z.string().describe('Russian text for the UI'),
  })
  .meta({ id: 'FieldError' });

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]),
      message: z.string().describe('Russian text for the UI'),
      fields: z.array(fieldErrorSchema).optional(),
      /** Extra machine-readable data, e.g. the current record on a conflict. */
      details: z.record(z.string(), z.unknown()).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'ApiError' });

export type ApiError = z.infer<typeof apiErrorSchema>;

/** What API Gateway's JWT authorizer itself answers on a missing or invalid token (401). */
export const gatewayUnauthorizedSchema = z
  .object({ message: z.literal('Unauthorized') })
  .meta({ id: 'GatewayUnauthorized' });
