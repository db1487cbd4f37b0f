/**
 * The control checks (п. 4.4, 5.11, 6.1, 7.2–7.4): the same code on EventBridge Scheduler in AWS,
 * on the local scheduler, and on demand (the administration's button, `npm run job -- <name>`).
 * A run works out its period (a day, a month, a study period), computes the report with the
 * report services, stores its PDF and XLSX, and writes the report item and its e-mails in one
 * transaction created once per check and period: a re-run finds it and sends nothing.
 */
import { createHash } from 'node:crypto';
import type { ControlCheck } from '#shared/api/control.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { controlReportKey as fileKey, putReportFile } from '#functions/data/report-file-store.ts';
import { createControlReport, getControlReport, type StoredControlReport } from '#functions/data/control-report-repository.ts';
import type { NewMail } from '#functions/data/mail-queue-repository.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { renderReport } from './export/render-report.ts';
import type { ReportDocument } from './export/report-document.ts';
import { planCheck } from './control-check-plans.ts';
import type { CheckMail, CheckPlan } from './control-check-types.ts';

export type CheckRun = { report: StoredControlReport; created: boolean } | { report: null; created: false; reason: string; message: string };

export async function runCheck(check: ControlCheck, now: Date, log: Logger, trigger: { kind: 'schedule' | 'demand'; by?: string } = { kind: 'schedule' }): Promise<CheckRun> {
  const plan = await planCheck(check, now, trigger.kind === 'demand');
  if ('reason' in plan) {
    log.info('control check: nothing to do', { check, reason: plan.reason });
    return { report: null, created: false, reason: plan.reason, message: plan.message };
  }
  if ('done' in plan) {
    const stored = await getControlReport(check, plan.done);
    if (stored) return { report: stored, created: false };
    throw new Error(`control report ${check}/${plan.done} vanished`);
  }
  const existing = await getControlReport(check, plan.periodKey);
  if (existing) return { report: existing, created: false };

  // Files are named for the check and its period, whatever the report inside is called.
  plan.document = { ...plan.document, fileStem: `${check}-${plan.periodKey}` };
  const files: StoredControlReport['files'] = [];
  for (const format of ['pdf', 'xlsx'] as const) {
    const file = await renderReport(plan.document, format);
    const key = fileKey(check, plan.periodKey, file.fileName);
    await putReportFile(key, file.bytes, file.contentType);
    files.push({ format, fileName: file.fileName, key, contentType: file.contentType, size: file.bytes.byteLength });
  }
  files.push(...(plan.storedFiles ?? []));
  const report: StoredControlReport = {
    id: `${check}:${plan.periodKey}`,
    check,
    periodKey: plan.periodKey,
    title: plan.title,
    createdAt: now.toISOString(),
    trigger: trigger.kind,
    ...(trigger.by ? { requestedBy: trigger.by } : {}),
    summary: plan.summary,
    actions: plan.actions,
    mailed: whoWasMailed(plan.mails),
    files,
  };
  const mails = plan.mails.filter((m) => m.to.length > 0).map((m) => composeMail(check, plan, m, files, report.createdAt));
  const created = await createControlReport(report, mails, now);
  if (!created) return { report: (await getControlReport(check, plan.periodKey)) ?? report, created: false };
  log.info('control check done', { check, periodKey: plan.periodKey, mails: mails.length });
  return { report, created: true };
}

/** «директор», «классный руководитель × 23»: who got a mail, without addresses. */
function whoWasMailed(mails: readonly CheckMail[]): string[] {
  const counts = new Map<string, number>();
  for (const m of mails) if (m.to.length > 0) counts.set(m.who, (counts.get(m.who) ?? 0) + 1);
  return [...counts].map(([who, n]) => (n > 1 ? `${who} × ${n}` : who));
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A Russian e-mail: greeting, the key figures, what needs action, the lines for this reader, the link to the site. */
export function composeMail(check: ControlCheck, plan: CheckPlan, mail: CheckMail, files: StoredControlReport['files'], createdAt: string): NewMail & { mailId: string } {
  const env = functionEnv();
  const link = `${env.WEB_URL.replace(/\/$/, '')}/control`;
  const summary = mail.attach ? plan.summary.map((s) => `${s.label}: ${s.value}`) : [];
  const actions = mail.attach ? plan.actions : [];
  const text = [
    'Здравствуйте!',
    '',
    `${plan.title}. ${env.SCHOOL_NAME}.`,
    ...(summary.length ? ['', 'Главное:', ...summary.map((s) => `• ${s}`)] : []),
    ...(actions.length ? ['', 'Требует действий:', ...actions.map((a) => `• ${a}`)] : []),
    ...(mail.lines.length ? ['', ...mail.lines] : []),
    '',
    mail.attach ? 'Полная справка — во вложении (PDF и Excel) и на сайте:' : 'Подробнее — в электронном журнале:',
    link,
    '',
    'Письмо сформировано автоматически электронным журналом.',
  ].join('\n');
  const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>` : '');
  const html = [
    '<!doctype html><html lang="ru"><body style="font-family:Arial,sans-serif;font-size:15px;color:#1b1f24">',
    '<p>Здравствуйте!</p>',
    `<p><strong>${escape(plan.title)}</strong>. ${escape(env.SCHOOL_NAME)}.</p>`,
    summary.length ? `<p>Главное:</p>${list(summary)}` : '',
    actions.length ? `<p>Требует действий:</p>${list(actions)}` : '',
    mail.lines.length ? list(mail.lines) : '',
    `<p>${mail.attach ? 'Полная справка — во вложении (PDF и Excel) и' : 'Подробнее —'} <a href="${escape(link)}">в электронном журнале</a>.</p>`,
    '<p style="color:#5b6470;font-size:13px">Письмо сформировано автоматически электронным журналом.</p>',
    '</body></html>',
  ].join('');
  // One mail per report and reader; the report's own condition in the same transaction is what
  // keeps a period to one run's mails (a report removed by hand and made again mails again).
  const mailId = createHash('sha256').update(`${check}|${plan.periodKey}|${createdAt}|${mail.to.join(',')}|${mail.who}`).digest('hex').slice(0, 32);
  return {
    mailId,
    to: mail.to,
    subject: mail.subject,
    text,
    html,
    purpose: `control:${check}`,
    // The document's own PDF and XLSX; an archive's per-class files are too many to attach (the link has them).
    ...(mail.attach ? { storedAttachments: files.slice(0, 2).map((f) => ({ fileName: f.fileName, contentType: f.contentType, key: f.key })) } : {}),
  };
}
