import { formatDateRu } from './date-math.ts';
import type { ChangeValue, NotificationTopic } from './notification.ts';

/**
 * The Russian words of a notification, the same in the bell and in the e-mail (п. 2.4): one
 * line saying what happened, and the details a parent needs without opening the diary.
 */
export type NotificationFacts = {
  topic: NotificationTopic;
  subjectName: string;
  /** The lesson's day, or the period's last day. */
  date: string;
  periodName?: string;
  before: ChangeValue | null;
  after: ChangeValue | null;
};

export type NamesBook = {
  workTypes: readonly { id: string; name: string; weight: number }[];
  attendanceCodes: readonly { code: string; name: string }[];
};

const marks = (v: ChangeValue | null) => (v?.kind === 'mark' ? v.values.join('/') : '');
const weightText = (w: number) => String(w).replace('.', ',');

/** The Russian plural form for a count: 1 файл, 2 файла, 5 файлов. */
export function plural(n: number, one: string, few: string, many: string): string {
  const t = n % 100;
  const u = n % 10;
  if (t >= 11 && t <= 14) return many;
  if (u === 1) return one;
  if (u >= 2 && u <= 4) return few;
  return many;
}

export function describeNotification(f: NotificationFacts, names: NamesBook): { title: string; text: string } {
  const day = formatDateRu(f.date);
  const s = f.subjectName;
  switch (f.topic) {
    case 'mark': {
      const now = f.after?.kind === 'mark' ? f.after : null;
      const was = f.before?.kind === 'mark' ? f.before : null;
      const work = now ?? was;
      const type = work ? names.workTypes.find((w) => w.id === work.workTypeId) : undefined;
      const details = [type ? `${type.name} (вес ${weightText(type.weight)})` : '', `урок ${day}`, now?.comment ? `«${now.comment}»` : '']
        .filter(Boolean)
        .join(' · ');
      if (!now) return { title: `${s}: отметка ${marks(was)} удалена`, text: `Урок ${day}` };
      if (!was) return { title: `${s}: новая отметка ${marks(now)}`, text: details };
      return { title: `${s}: отметка изменена ${marks(was)} → ${marks(now)}`, text: details };
    }
    case 'absence': {
      const now = f.after?.kind === 'absence' ? f.after : null;
      const was = f.before?.kind === 'absence' ? f.before : null;
      const meaning = (v: { code: string; minutesLate?: number }) => {
        const name = names.attendanceCodes.find((c) => c.code === v.code)?.name ?? v.code;
        return v.minutesLate ? `${name} на ${v.minutesLate} мин.` : name;
      };
      if (!now) return { title: `${s}: отметка «${was?.code ?? ''}» снята`, text: `Урок ${day}: обучающийся отмечен присутствующим` };
      const title = now.code === 'ОП' ? `${s}: опоздание` : `${s}: пропуск урока (${now.code})`;
      return { title, text: `Урок ${day}: ${meaning(now)}${was ? ` (было: ${was.code})` : ''}` };
    }
    case 'homework': {
      const now = f.after?.kind === 'homework' ? f.after : null;
      if (!now) return { title: `${s}: домашнее задание снято`, text: `Урок ${day}` };
      const due = now.dueDate ? ` на ${formatDateRu(now.dueDate)}` : '';
      const files = now.files ? ` · ${now.files} ${plural(now.files, 'файл', 'файла', 'файлов')}` : '';
      const text = now.text.length > 300 ? `${now.text.slice(0, 297)}…` : now.text;
      return { title: `${s}: домашнее задание${due}`, text: `${text || 'Задание во вложении'}${files} · урок ${day}` };
    }
    case 'final-mark': {
      const now = f.after?.kind === 'final-mark' ? f.after.value : null;
      const was = f.before?.kind === 'final-mark' ? f.before.value : null;
      const period = f.periodName ? ` за ${f.periodName.toLowerCase()}` : '';
      if (!now) return { title: `${s}: итоговая отметка${period} снята`, text: `Было: ${was ?? ''}` };
      if (!was) return { title: `${s}: итоговая отметка${period} — ${now}`, text: `Период окончен ${day}` };
      return { title: `${s}: итоговая отметка${period} изменена ${was} → ${now}`, text: `Период окончен ${day}` };
    }
  }
}
