/**
 * The cost report as a table: plain text for the terminal, Markdown for docs/cost.md, and the
 * size × plan matrix and the fleet summary. Money to the cent (the JSON output keeps every
 * digit); quantities and unit prices with enough digits to redo each line by hand.
 */
import type { CostLine, CostReport } from './model.ts';
import { PRICE_LIST_DATE, PRICE_LIST_NOTE } from './prices-2026-12.ts';
import type { Verdict } from './verdict.ts';

/** To the cent, halves up as by hand (381.225 → 381.23, though the float is 381.22499…). */
const money = (n: number) => {
  const cents = Math.round(n * 100 * (1 + Math.sign(n) * 1e-12));
  return cents === 0 && n < 0 ? '-0.00' : (cents / 100).toFixed(2);
};
export function quantity(n: number): string {
  const abs = Math.abs(n);
  if (abs === 0) return '0';
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  if (abs >= 1000) return Math.round(n).toLocaleString('en-US');
  if (abs >= 10) return n.toFixed(2);
  return String(Number(n.toPrecision(4)));
}
export function price(n: number): string {
  return Number(n.toPrecision(6)).toString();
}
const basisText = (l: CostLine, usageMonths: number) => (l.basis === 'usage' ? `school month × ${usageMonths}` : `× 12 (${l.basis})`);

function rows(r: CostReport): string[][] {
  const usageMonths = Number(r.activity.usageMonths.toFixed(4));
  return r.lines.map((l) => [l.service, l.item, quantity(l.quantity), l.unit, price(l.unitPrice), money(l.monthly), money(l.yearly), basisText(l, usageMonths)]);
}

const HEAD = ['service', 'what', 'quantity a month', 'unit', 'US$ / unit', 'US$ a month', 'US$ a year', 'year ='];

function textTable(head: string[], body: string[][], right: Set<number>): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdownTable(head: string[], body: string[][], right: Set<number>): string {
  const sep = head.map((_, i) => (right.has(i) ? '---:' : '---'));
  return [head, sep, ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function summary(r: CostReport, v: Verdict): string[] {
  const a = r.activity;
  const u = r.usage;
  return [
    `A school month: US$${money(r.monthly)} · a year: US$${money(r.yearly)} · per student and year: US$${r.perStudentYear.toFixed(3)}`,
    `Verdict: ${v.text}`,
    `By plan, per student and year: ${Object.entries(v.byPlan).map(([p, x]) => `${p} US$${x.toFixed(3)}`).join(' · ')}`,
    `People: ${u.students} students, ${quantity(u.students * u.parentsPerStudent)} parents, ${u.staff} staff → ${quantity(a.mau)} monthly active users ` +
      `(${quantity(a.activeStudents)} + ${quantity(a.activeParents)} + ${quantity(a.activeStaff)}).`,
    `A school day: ${quantity(a.signIns)} sign-ins, ${quantity(a.apiRequests)} API requests (${quantity(a.familyPages)} diary pages, ${quantity(a.staffPages)} journal pages, ` +
      `${quantity(a.smallRequests)} small, ${quantity(a.lessons)} lessons × 3 saves), ${quantity(a.notifications)} notifications, ${quantity(a.mails)} e-mails; ` +
      `${quantity(a.daysPerMonth)} school days a school month, ${quantity(a.usageMonths)} billed months of use a year.`,
    `Table after ${u.dataYears} year(s): ${quantity(a.table.items)} items, ${quantity(a.table.baseGb)} GB (${quantity(a.table.storedGb)} GB with indexes).`,
    `Prices: ${r.region}, list of ${PRICE_LIST_DATE} (${PRICE_LIST_NOTE}); free tiers ${r.freeTier ? 'counted as if the school were alone in its account' : 'not counted (they belong to the account)'}.`,
  ];
}

export function formatText(r: CostReport, v: Verdict, measuredSource: string): string {
  const title = `Klassny — expected AWS bill of ${r.school.name ? `${r.school.name} (${r.school.id})` : r.school.id}, Cognito ${r.plan} plan`;
  return [title, '', textTable(HEAD, rows(r), new Set([2, 4, 5, 6])), '', ...summary(r, v), `Per-request figures: ${measuredSource}.`].join('\n');
}

export function formatMarkdown(r: CostReport, v: Verdict, measuredSource: string): string {
  const body = rows(r);
  body.push(['**total**', '', '', '', '', `**${money(r.monthly)}**`, `**${money(r.yearly)}**`, '']);
  return [markdownTable(HEAD, body, new Set([2, 4, 5, 6])), '', ...summary(r, v).map((s) => `- ${s}`), `- Per-request figures: ${measuredSource}.`].join('\n');
}

/** One row per report: the size × plan table of docs/cost.md, or the fleet's schools. */
export function formatSummary(reports: { label: string; report: CostReport; verdict: Verdict }[], markdown: boolean, total?: { yearly: number; monthly: number; students: number }): string {
  const head = ['school', 'students', 'plan', 'monthly active users', 'US$ a school month', 'US$ a year', 'US$ per student a year', 'vs US$0.30'];
  const body = reports.map(({ label, report: r, verdict: v }) => [
    label,
    String(r.usage.students),
    r.plan,
    quantity(r.activity.mau),
    money(r.monthly),
    money(r.yearly),
    r.perStudentYear.toFixed(3),
    v.meets ? `within by ${money(-v.overPerStudent)}` : `over by ${money(v.overPerStudent)}`,
  ]);
  if (total) {
    const per = total.yearly / total.students;
    body.push(['**fleet**', String(total.students), '', '', money(total.monthly), money(total.yearly), per.toFixed(3), per <= 0.3 ? `within by ${money(0.3 - per)}` : `over by ${money(per - 0.3)}`]);
  }
  const right = new Set([1, 3, 4, 5, 6]);
  return markdown ? markdownTable(head, body, right) : textTable(head, body.map((row) => row.map((c) => c.replace(/\*\*/g, ''))), right);
}
