import { describe, expect, it } from 'vitest';
import type { ApiClient } from './api.ts';
import { parseReportState, reportQuery, type ReportAudience } from './report-query.ts';
import { answerCache, exportFile, loadReport, requestKey } from './reports.ts';

/** An API that records what it is asked and answers `{}`. */
function recordingApi(): { api: ApiClient; calls: { method: string; path: string; body?: unknown }[] } {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const answer = (method: string) => async (path: string, body?: unknown) => {
    calls.push({ method, path, ...(body === undefined ? {} : { body }) });
    return {} as never;
  };
  const api = { get: answer('GET'), post: answer('POST'), put: answer('PUT'), patch: answer('PATCH'), delete: answer('DELETE') } as unknown as ApiClient;
  return { api, calls };
}

const director: ReportAudience = { role: 'director', personId: 'p-dir', ledClasses: [] };
const teacher: ReportAudience = { role: 'teacher', personId: 'p-kuz', ledClasses: [{ classId: 'c-2026-05-А', className: '5А' }] };

describe('the reports’ calls', () => {
  it('asks each report’s own operation with its query (ids percent-encoded)', async () => {
    const { api, calls } = recordingApi();
    const ask = async (hash: string, a: ReportAudience) => {
      const state = parseReportState(hash, a)!;
      await loadReport(api, state.report, reportQuery(state, a, '2026-12-07'));
    };
    await ask('report=performance&periodId=2026-2027-q1&groupBy=teacher', director);
    await ask('report=summary-sheet&studentId=s-1', teacher);
    await ask('report=attendance&minAbsences=3', director);
    await ask('report=mark-accumulation', teacher);
    await ask('report=journal-keeping', teacher);
    await ask('report=programme-completion&classId=c-2026-06-Б', director);
    await ask('report=substitutions', director);
    await ask('report=usage', teacher);
    expect(calls).toEqual([
      { method: 'GET', path: '/api/reports/performance?periodId=2026-2027-q1&groupBy=teacher' },
      { method: 'GET', path: '/api/reports/summary-sheet?classId=c-2026-05-%D0%90&studentId=s-1' },
      { method: 'GET', path: '/api/reports/attendance?minAbsences=3' },
      { method: 'GET', path: '/api/reports/mark-accumulation?teacherId=p-kuz' },
      { method: 'GET', path: '/api/reports/journal-keeping?teacherId=p-kuz' },
      { method: 'GET', path: '/api/reports/programme-completion?classId=c-2026-06-%D0%91' },
      { method: 'GET', path: '/api/reports/substitutions?from=2026-12-01&to=2026-12-31' },
      { method: 'GET', path: '/api/reports/usage?classId=c-2026-05-%D0%90' },
    ]);
  });

  it('exports with the very query the screen asked', async () => {
    const { api, calls } = recordingApi();
    const state = parseReportState('report=attendance&periodId=2026-2027-q1&classId=c1&minAbsences=2', director)!;
    const query = reportQuery(state, director, '2026-12-07');
    await exportFile(api, state.report, query, 'pdf');
    expect(calls).toEqual([
      { method: 'POST', path: '/api/reports/export', body: { report: 'attendance', format: 'pdf', query: { periodId: '2026-2027-q1', classId: 'c1', minAbsences: 2 } } },
    ]);
  });
});

describe('the answers kept for Back and Forward', () => {
  it('gives an answer back for the same report and query, in any key order, for two minutes', () => {
    let clock = 0;
    const cache = answerCache<string>({ now: () => clock });
    cache.set(requestKey('performance', { periodId: 'p1', groupBy: 'class' }), 'q1 by class');
    expect(cache.get(requestKey('performance', { groupBy: 'class', periodId: 'p1' }))).toBe('q1 by class');
    expect(cache.get(requestKey('performance', { groupBy: 'subject', periodId: 'p1' }))).toBeUndefined();
    expect(cache.get(requestKey('attendance', { periodId: 'p1' }))).toBeUndefined();
    clock = 120_001;
    expect(cache.get(requestKey('performance', { periodId: 'p1', groupBy: 'class' }))).toBeUndefined();
  });

  it('keeps only the latest few', () => {
    const cache = answerCache<number>({ size: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });
});
