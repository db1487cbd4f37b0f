import { describe, expect, it, vi } from 'vitest';
import { callOperation, operationPath } from './operations.ts';
import type { ApiClient } from './api.ts';

describe('calling the API by operationId', () => {
  it('fills path params percent-encoded, adds the query, drops empty values', () => {
    expect(operationPath('getClassJournal', { groupId: 'c-2026-05-А', subjectId: 'sub-1' }, { periodId: '2026-2027-q2' })).toBe(
      '/api/journals/c-2026-05-%D0%90/sub-1?periodId=2026-2027-q2',
    );
    expect(operationPath('listDistanceDays', {}, { x: undefined, y: '' })).toBe('/api/distance-days');
    expect(() => operationPath('getLesson', {})).toThrow(/lessonId/);
  });

  it('uses the operation’s method and sends the body', async () => {
    const api = { get: vi.fn(), post: vi.fn(), put: vi.fn(async () => ({ ok: true })), patch: vi.fn(), delete: vi.fn() } as unknown as ApiClient;
    await callOperation(api, 'saveAttendance', {
      params: { lessonId: 'c-2026-05-А.sub-1.2026-11-23.2' },
      body: { clientRequestId: '6f2d8f2e-6c6e-4b8e-9a0a-000000000001', changes: [{ studentId: 'p-1', code: 'Н', expectedVersion: 0 }] },
    });
    expect(api.put).toHaveBeenCalledWith('/api/lessons/c-2026-05-%D0%90.sub-1.2026-11-23.2/attendance', expect.objectContaining({ changes: expect.any(Array) }));
  });
});
