/**
 * The school's bill against our aim (US$0.30 per student and year, all-in): by how much it is
 * over or under, and which Cognito plan would reach it — the plan being the one choice that
 * scales with every student, parent and teacher (docs/cost.md).
 */
import { COST_PLANS, type CostPlan } from './inventory.ts';
import { costOf, TARGET_PER_STUDENT_YEAR, type CostInput, type CostReport } from './model.ts';

export type Verdict = {
  target: number;
  perStudentYear: number;
  meets: boolean;
  /** perStudentYear − target: negative when under. */
  overPerStudent: number;
  overYearly: number;
  byPlan: Record<CostPlan, number>;
  reachingPlans: CostPlan[];
  /** The lines billed whatever the size (WAF, alarms, dashboards, metrics), per student and year. */
  fixedPerStudent: number;
  text: string;
};

const usd = (n: number) => `US$${n.toFixed(2)}`;

export function verdictOf(input: CostInput, report: CostReport = costOf(input)): Verdict {
  const target = TARGET_PER_STUDENT_YEAR;
  const byPlan = Object.fromEntries(COST_PLANS.map((plan) => [plan, plan === report.plan ? report.perStudentYear : costOf({ ...input, plan }).perStudentYear])) as Record<CostPlan, number>;
  const reachingPlans = COST_PLANS.filter((plan) => byPlan[plan] <= target);
  const over = report.perStudentYear - target;
  const fixedPerStudent = report.fixedYearly / report.usage.students;
  const head = `${usd(report.perStudentYear)} per student a year on the ${report.plan} plan`;
  let text: string;
  if (over <= 0) {
    text = `${head}: within the ${usd(target)} target by ${usd(-over)} (${Math.round((-over / target) * 100)} %).`;
  } else {
    text = `${head}: over the ${usd(target)} target by ${usd(over)} (${Math.round((over / target) * 100)} %), ${usd(over * report.usage.students)} a year for this school. `;
    text += reachingPlans.length
      ? `Reaches it: ${reachingPlans.map((p) => `${p} (${usd(byPlan[p])})`).join(', ')}.`
      : `No Cognito plan reaches it at this size: the cheapest, lite, gives ${usd(byPlan.lite)}; the fixed lines alone (WAF, alarms, dashboards, metrics) are ${usd(fixedPerStudent)} a student.`;
  }
  return { target, perStudentYear: report.perStudentYear, meets: over <= 0, overPerStudent: over, overYearly: over * report.usage.students, byPlan, reachingPlans, fixedPerStudent, text };
}
