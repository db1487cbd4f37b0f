/**
 * A mark's audit trail (getMarkHistory) in words: «06.12.2026, 14:05 · Кузнецова Марина
 * Алексеевна: изменена 4 → 5». `actorName` comes from the API when it knows the person.
 */
import { formatInstantDateTime } from '../format.ts';
import type { OperationOutput } from '../operations.ts';

export type HistoryEvent = OperationOutput<'getMarkHistory'>['events'][number];
export type HistoryLine = { when: string; who: string; what: string };

function valuesOf(record: Record<string, unknown> | null): string {
  const values = record?.['values'];
  return Array.isArray(values) ? values.map(String).join('/') : '—';
}

function textOf(record: Record<string, unknown> | null, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function historyLines(events: readonly HistoryEvent[], workTypeName: (id: string) => string): HistoryLine[] {
  return [...events]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((e) => {
      const work = (r: Record<string, unknown> | null) => {
        const id = textOf(r, 'workTypeId');
        return id ? workTypeName(id) : undefined;
      };
      let what: string;
      if (e.action === 'create') {
        const comment = textOf(e.after, 'comment');
        what = `выставлена ${valuesOf(e.after)}${work(e.after) ? ` (${work(e.after)})` : ''}${comment ? `, комментарий «${comment}»` : ''}`;
      } else if (e.action === 'delete') {
        what = `удалена (была ${valuesOf(e.before)})`;
      } else {
        const parts: string[] = [];
        if (valuesOf(e.before) !== valuesOf(e.after)) parts.push(`${valuesOf(e.before)} → ${valuesOf(e.after)}`);
        if (work(e.before) !== work(e.after)) parts.push(`вид работы: ${work(e.before) ?? '—'} → ${work(e.after) ?? '—'}`);
        const before = textOf(e.before, 'comment');
        const after = textOf(e.after, 'comment');
        if (before !== after) parts.push(after ? `комментарий «${after}»` : 'комментарий удалён');
        what = parts.length > 0 ? `изменена: ${parts.join('; ')}` : 'изменена';
      }
      return { when: formatInstantDateTime(e.at), who: e.actorName ?? 'пользователь', what };
    });
}
