import * as z from 'zod';
import { workTypeIdSchema } from './ids.ts';

/**
 * A kind of work a mark is given for (вид работы), with its weight in the weighted average.
 * Configurable per school (the operator keeps reference books); `defaultWorkTypes` are the
 * starting set.
 */
export const workTypeSchema = z
  .object({
    id: workTypeIdSchema,
    name: z.string().min(2).max(80),
    shortName: z.string().min(1).max(12),
    /** Weight in the weighted average, 0.1–10. */
    weight: z
      .number()
      .min(0.1, { error: 'Вес вида работы — от 0,1 до 10' })
      .max(10, { error: 'Вес вида работы — от 0,1 до 10' }),
    /**
     * A control work (контрольная): its marks are due within 2 days (п. 5.2), its topic is
     * mandatory (п. 5.4), and the quarterly check counts such works (п. 7.4).
     */
    isControl: z.boolean(),
    /** The work's own topic must be entered (п. 5.4: practical and laboratory works; control works always). */
    requiresWorkTopic: z.boolean(),
    /** A current check work (проверочная) counted by the quarterly check (п. 7.4). */
    isCheck: z.boolean().default(false),
    /** Hidden from new marks; old marks keep their weight. */
    archived: z.boolean().default(false),
  })
  .meta({ id: 'WorkType', description: 'A kind of work with its weight; control works flagged (п. 5.2, 5.4, 7.4)' });
export type WorkType = z.infer<typeof workTypeSchema>;

/** The starting set of work types a new school gets. */
export const defaultWorkTypes: readonly WorkType[] = [
  { id: 'answer', name: 'Ответ на уроке', shortName: 'Отв', weight: 1, isControl: false, requiresWorkTopic: false, isCheck: false, archived: false },
  { id: 'homework', name: 'Домашняя работа', shortName: 'ДЗ', weight: 1, isControl: false, requiresWorkTopic: false, isCheck: false, archived: false },
  { id: 'independent', name: 'Самостоятельная работа', shortName: 'С/р', weight: 1.5, isControl: false, requiresWorkTopic: false, isCheck: true, archived: false },
  { id: 'practical', name: 'Практическая работа', shortName: 'П/р', weight: 1.5, isControl: false, requiresWorkTopic: true, isCheck: false, archived: false },
  { id: 'laboratory', name: 'Лабораторная работа', shortName: 'Л/р', weight: 1.5, isControl: false, requiresWorkTopic: true, isCheck: false, archived: false },
  { id: 'check', name: 'Проверочная работа', shortName: 'Пр', weight: 1.5, isControl: false, requiresWorkTopic: false, isCheck: true, archived: false },
  { id: 'control', name: 'Контрольная работа', shortName: 'К/р', weight: 2, isControl: true, requiresWorkTopic: true, isCheck: false, archived: false },
  { id: 'dictation', name: 'Диктант', shortName: 'Дикт', weight: 2, isControl: true, requiresWorkTopic: true, isCheck: false, archived: false },
  { id: 'essay', name: 'Сочинение', shortName: 'Соч', weight: 2, isControl: true, requiresWorkTopic: true, isCheck: false, archived: false },
  { id: 'summary', name: 'Изложение', shortName: 'Изл', weight: 2, isControl: true, requiresWorkTopic: true, isCheck: false, archived: false },
  { id: 'credit', name: 'Зачёт', shortName: 'Зач', weight: 2, isControl: true, requiresWorkTopic: true, isCheck: false, archived: false },
];

/** The work type with this id, archived ones included (old marks still need their weight). */
export function findWorkType(workTypes: readonly WorkType[], id: string | null | undefined): WorkType | undefined {
  return id == null ? undefined : workTypes.find((w) => w.id === id);
}

