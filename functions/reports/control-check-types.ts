import type { ReportDocument } from './export/report-document.ts';

/** One e-mail a check sends: to whom, what, and whether the report's files go with it. */
export type CheckMail = { to: string[]; who: string; subject: string; lines: string[]; attach: boolean };

/** What a check found for its period; null when there is nothing to do yet (no period has ended). */
export type CheckPlan = {
  periodKey: string;
  title: string;
  summary: { label: string; value: string }[];
  actions: string[];
  document: ReportDocument;
  mails: CheckMail[];
  /** Files the check stored itself besides the document's PDF and XLSX (the year-end archive's per class). */
  storedFiles?: StoredFile[];
};

export type StoredFile = { format: 'pdf' | 'xlsx' | 'json'; fileName: string; key: string; contentType: string; size: number; label?: string };

