/**
 * The director's e-mail about a restore drill (п. 7.1: the director ensures backups): short, in
 * Russian, what was checked and what was found.
 */
import type { DrillResult } from './manifest.ts';

/** Entity types (item-codec.ts, entityTypeOf) in the director's words. */
const ENTITY_LABELS: Record<string, string> = {
  'JOURNAL:lesson': 'уроки',
  'JOURNAL:mark': 'отметки',
  'JOURNAL:attendance': 'посещаемость',
  'JOURNAL:final': 'итоговые отметки',
  'JOURNAL:state': 'состояние периодов журнала',
  'JOURNAL:other': 'прочие записи журнала',
  AUDIT: 'история изменений',
  PERSON: 'люди и их связи',
  ACCOUNT: 'учётные записи',
  CLASS: 'списки классов',
  YEAR: 'структура учебного года',
  SCHOOL: 'настройки школы',
  PLAN: 'тематическое планирование',
  TIMETABLE: 'расписание',
  CHANGES: 'замены и дистанционные дни',
  CONSENT: 'согласия',
  INVITE: 'пригласительные коды',
  NOTES: 'уведомления',
  MAIL: 'почта',
};

const count = (n: number) => n.toLocaleString('ru-RU');
const seconds = (ms: number) => `${(ms / 1000).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} с`;

export type DrillMail = { subject: string; text: string };

export function drillMail(input: {
  schoolName: string;
  timeZone: string;
  /** The backup checked, when there was one to check. */
  backup?: { id: string; takenAt: string; bytes: number };
  result?: DrillResult;
  ok: boolean;
  problems: string[];
}): DrillMail {
  const when = (iso: string) =>
    new Intl.DateTimeFormat('ru-RU', { timeZone: input.timeZone, dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  const lines = [`${input.schoolName}`, ''];
  if (input.backup) {
    lines.push(`Резервная копия ${input.backup.id}, снята ${when(input.backup.takenAt)} (время школы), ${(input.backup.bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ.`);
  }
  const result = input.result;
  if (result) {
    lines.push(
      `Восстановлена во временную таблицу за ${seconds(result.restoreMs)} (проверка целиком — ${seconds(result.totalMs)}); записей: ${count(result.itemCount)}. Временная таблица удалена.`,
      '',
      'Записей по видам:',
      ...Object.entries(result.entities)
        .sort(([, a], [, b]) => b - a)
        .map(([type, n]) => `  ${ENTITY_LABELS[type] ? `${ENTITY_LABELS[type]} (${type})` : type} — ${count(n)}`),
    );
  }
  lines.push('');
  if (input.problems.length === 0) lines.push('Расхождений с описью копии нет: все записи на месте, контрольные суммы совпали.');
  else lines.push('Обнаружено:', ...input.problems.map((p) => `  • ${p}`), '', 'Сообщите администратору системы.');
  lines.push('', 'Регламент, п. 7.1: бесперебойная работа и регулярное резервное копирование. Письмо отправлено автоматически.');
  return {
    subject: `Проверка восстановления резервной копии: ${input.ok ? 'успешно' : 'ОШИБКА'}`,
    text: lines.join('\n'),
  };
}
