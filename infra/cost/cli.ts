/**
 * `npm run cost`: the expected AWS bill of one school (`--school <id>`) or of every school in
 * infra/schools with the fleet's total (`--all`, the default), with what-if options. Kept apart
 * from main.ts so tests run it in-process with their own template, bench figures and output.
 */
import { parseArgs } from 'node:util';
import { BUSINESS_METRICS } from '../../shared/config/business-metrics.ts';
import { formatMarkdown, formatSummary, formatText } from './format.ts';
import { COST_PLANS, inventoryOf, type CfnTemplate, type CostPlan } from './inventory.ts';
import { MeasuredError, readMeasured, type Measured } from './measured.ts';
import { ScheduleExpressionError } from './cron.ts';
import { costOf, type CostInput, type CostReport } from './model.ts';
import { DEFAULT_REGION, PRICES, REGIONS, type Region } from './prices-2026-12.ts';
import { CostInputError, readSchool, schoolIds, usageOf, type SchoolEntry } from './schools.ts';
import { readTemplate, synthesizeTemplate } from './template-source.ts';
import { USAGE_KEYS } from './usage.ts';
import { verdictOf, type Verdict } from './verdict.ts';

export const HELP = `npm run cost -- [options]

  --school <id>             one school (infra/schools/<id>.json); without it: every school and the fleet's total (--all)
  --plan lite|essentials|plus   what if the school used this Cognito plan (default: the school file's, else the template's)
  --students <n>  --staff <n>  --parents-per-student <x>   what-if overrides of the school's usage
  --set <field>=<value>     any usage field (repeatable), e.g. --set parentActiveShare=0.7
  --matrix <n,n,…>          the table of docs/cost.md: these school sizes × every plan (Markdown)
  --region ${REGIONS.join('|')}   price column (default ${DEFAULT_REGION})
  --free-tier               count the account's always-free allowances (as if the school were alone in its account)
  --template <file>         a synthesized template (cdk.out/Klassny-<id>.template.json) instead of synthesizing
  --bench <file>            bench results (default bench/results/latest.json)
  --json | --markdown       output format (default: a text table)`;

export type CliIo = {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Test seams: the template of a school, the bench figures. */
  template?: (schoolId: string) => CfnTemplate;
  measured?: () => Measured;
  schoolsDir?: string;
};

type Parsed = ReturnType<typeof parse>;

/** `--students -5` as `--students=-5`: parseArgs takes a value starting with a dash for an option, and the schema should say what is wrong with it. */
function joinNegatives(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (/^--[a-z-]+$/.test(argv[i]!) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]!);
  }
  return out;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: joinNegatives(argv),
      strict: true,
      options: {
        school: { type: 'string' },
        all: { type: 'boolean' },
        plan: { type: 'string' },
        students: { type: 'string' },
        staff: { type: 'string' },
        'parents-per-student': { type: 'string' },
        set: { type: 'string', multiple: true },
        matrix: { type: 'string' },
        region: { type: 'string' },
        'free-tier': { type: 'boolean' },
        template: { type: 'string' },
        bench: { type: 'string' },
        json: { type: 'boolean' },
        markdown: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new CostInputError(`${(error as Error).message}\n\n${HELP}`);
  }
}

/** A number option: refused by name when it is not one (the usage schema then checks its range). */
function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new CostInputError(`--${name}: expected a number, got ${JSON.stringify(text)}`);
  return n;
}

function overridesOf(o: Parsed): { values: Record<string, unknown>; optionOf: (field: string) => string } {
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  const put = (field: string, option: string, value: number | undefined) => {
    if (value === undefined) return;
    values[field] = value;
    names[field] = option;
  };
  put('students', '--students', numberOption('students', o.students));
  put('staff', '--staff', numberOption('staff', o.staff));
  put('parentsPerStudent', '--parents-per-student', numberOption('parents-per-student', o['parents-per-student']));
  for (const pair of o.set ?? []) {
    const [field, text] = pair.split('=', 2) as [string, string | undefined];
    if (!(USAGE_KEYS as string[]).includes(field)) throw new CostInputError(`--set ${pair}: unknown usage field "${field}" (known: ${USAGE_KEYS.join(', ')})`);
    put(field, `--set ${field}`, numberOption(`set ${field}`, text));
  }
  return { values, optionOf: (field) => names[field] ?? `--set ${field}` };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const o = parse(argv);
    if (o.help) {
      io.out(HELP);
      return 0;
    }
    if (o.plan !== undefined && !(COST_PLANS as readonly string[]).includes(o.plan)) throw new CostInputError(`--plan must be one of ${COST_PLANS.join(', ')} (got ${JSON.stringify(o.plan)})`);
    if (o.region !== undefined && !(REGIONS as readonly string[]).includes(o.region)) throw new CostInputError(`--region must be one of ${REGIONS.join(', ')} (got ${JSON.stringify(o.region)}): the price list has these columns`);
    if (o.school !== undefined && o.all) throw new CostInputError('--school and --all: give one of them');
    const region = (o.region ?? DEFAULT_REGION) as Region;
    const overrides = overridesOf(o);

    const ids = o.school !== undefined ? [o.school] : schoolIds(io.schoolsDir);
    if (!ids.length) throw new CostInputError('no school files in infra/schools');
    const entries: SchoolEntry[] = ids.map((id) => readSchool(id, io.schoolsDir));
    const usages = entries.map((e) => usageOf(e, overrides.values, overrides.optionOf));
    const matrix = o.matrix?.split(',').map((s, i) => numberOption(`matrix (size ${i + 1})`, s)!);

    const measured = io.measured?.() ?? readMeasured(o.bench);
    // One template serves every school: two schools' stacks differ in names and the deployment
    // options, and the one option the bill depends on (the Cognito plan) is read from each file.
    const first = entries[0]!.id;
    let template: CfnTemplate;
    if (o.template) template = readTemplate(o.template);
    else if (io.template) template = io.template(first);
    else {
      io.err(`cost: synthesizing the stack of "${first}" in-process (no bundling, a few seconds); --template <file> reuses a saved one`);
      template = synthesizeTemplate(first);
    }
    const inventory = inventoryOf(template);
    const templatePlan = inventory.userPools[0]?.plan ?? 'essentials';

    const inputOf = (entry: SchoolEntry, usage: CostInput['usage'], plan?: CostPlan): CostInput => ({
      school: { id: entry.id, ...(entry.name ? { name: entry.name } : {}) },
      inventory,
      usage,
      measured,
      prices: PRICES[region],
      region,
      plan: plan ?? (o.plan as CostPlan | undefined) ?? entry.plan ?? templatePlan,
      freeTier: Boolean(o['free-tier']),
      customMetrics: Object.keys(BUSINESS_METRICS).length,
    });
    const run = (input: CostInput) => {
      const report = costOf(input);
      return { report, verdict: verdictOf(input, report) };
    };

    if (matrix) {
      const rows = matrix.flatMap((students) =>
        COST_PLANS.map((plan) => {
          const usage = usageOf(entries[0]!, { ...overrides.values, students }, (f) => (f === 'students' ? '--matrix' : overrides.optionOf(f)));
          return { label: `${students.toLocaleString('en-US')} students`, ...run(inputOf(entries[0]!, usage, plan)) };
        }),
      );
      io.out(o.json ? JSON.stringify(rows.map(jsonOf), null, 2) : formatSummary(rows, true));
      return 0;
    }

    const results = entries.map((entry, i) => ({ label: entry.id, ...run(inputOf(entry, usages[i]!)) }));
    const fleet = o.school === undefined;
    if (o.json) {
      io.out(JSON.stringify({ schools: results.map(jsonOf), ...(fleet ? { fleet: fleetOf(results.map((r) => r.report)) } : {}) }, null, 2));
      return 0;
    }
    const format = o.markdown ? formatMarkdown : formatText;
    const parts = results.map((r) => format(r.report, r.verdict, measured.source));
    if (fleet) parts.push(`Fleet: ${results.length} school${results.length === 1 ? '' : 's'}\n\n${formatSummary(results, Boolean(o.markdown), fleetOf(results.map((r) => r.report)))}`);
    io.out(parts.join('\n\n'));
    return 0;
  } catch (error) {
    if (error instanceof CostInputError || error instanceof MeasuredError || error instanceof ScheduleExpressionError) {
      io.err(`cost: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function fleetOf(reports: CostReport[]) {
  return {
    monthly: reports.reduce((s, r) => s + r.monthly, 0),
    yearly: reports.reduce((s, r) => s + r.yearly, 0),
    students: reports.reduce((s, r) => s + r.usage.students, 0),
  };
}

function jsonOf({ report, verdict }: { report: CostReport; verdict: Verdict }) {
  return { ...report, verdict };
}
