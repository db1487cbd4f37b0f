/**
 * `npm run cost` in-process (cli.ts) with the fixture stack and figures: what it prints for a
 * school, the fleet and the size × plan matrix, and how it refuses bad input — each refusal
 * naming the option or the school file's field.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../infra/cost/cli.ts';
import { fixtureMeasured, fixtureTemplate } from './cost-fixture.ts';

function schoolsDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'klassny-cost-'));
  mkdirSync(dir, { recursive: true });
  for (const [id, body] of Object.entries(files)) writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(body));
  return dir;
}

const school = (id: string, extra: Record<string, unknown> = {}) => ({ schoolId: id, schoolName: `Школа ${id}`, ...extra });
const dir = schoolsDir({
  alpha: school('alpha', { usage: { students: 300 } }),
  beta: school('beta', { deployment: { cognitoPlan: 'essentials' }, usage: { students: 2000, parentsPerStudent: 1.2 } }),
});

async function run(argv: string[], schools = dir) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), template: () => fixtureTemplate, measured: () => fixtureMeasured, schoolsDir: schools });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cost', () => {
  it('prints one school line by line with its totals and the verdict', async () => {
    const r = await run(['--school', 'alpha']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Школа alpha (alpha), Cognito plus plan');
    for (const service of ['Cognito', 'WAF', 'DynamoDB', 'AWS Backup', 'Lambda', 'API Gateway', 'CloudFront', 'S3', 'SES', 'Scheduler', 'CloudWatch']) {
      expect(r.out).toMatch(new RegExp(`^${service} `, 'm'));
    }
    expect(r.out).toMatch(/per student and year: US\$\d+\.\d{3}/);
    expect(r.out).toMatch(/Verdict: US\$\d+\.\d\d per student a year on the plus plan: (within|over) the US\$0\.30 target/);
    expect(r.out).toContain('300 students');
  });

  it('takes the plan from the school file, and --plan over it', async () => {
    expect((await run(['--school', 'beta'])).out).toContain('Cognito essentials plan');
    expect((await run(['--school', 'beta', '--plan', 'lite'])).out).toContain('Cognito lite plan');
  });

  it('prints every school and the fleet total without --school', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Fleet: 2 schools');
    expect(r.out).toMatch(/^fleet\s+2,?300\s/m);
  });

  it('gives JSON whose total is its lines and whose fleet is its schools', async () => {
    const r = await run(['--json', '--students', '1000']);
    const json = JSON.parse(r.out) as { schools: { yearly: number; lines: { yearly: number }[]; usage: { students: number } }[]; fleet: { yearly: number; students: number } };
    expect(json.schools).toHaveLength(2);
    for (const s of json.schools) {
      expect(s.usage.students).toBe(1000);
      expect(s.yearly).toBeCloseTo(s.lines.reduce((sum, l) => sum + l.yearly, 0), 6);
    }
    expect(json.fleet.yearly).toBeCloseTo(json.schools[0]!.yearly + json.schools[1]!.yearly, 6);
    expect(json.fleet.students).toBe(2000);
  });

  it('prints the size × plan matrix of docs/cost.md', async () => {
    const r = await run(['--school', 'alpha', '--matrix', '300,1000,2000']);
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').filter((l) => /^\| [\d,]+ students/.test(l));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toMatch(/^\| 300 students \| 300 \| lite \|/);
    expect(rows[8]).toMatch(/^\| 2,000 students \| 2000 \| plus \|/);
  });

  describe('refuses bad input, naming the field', () => {
    it.each([
      [['--plan', 'gold'], /--plan must be one of lite, essentials, plus \(got "gold"\)/],
      [['--school', 'nope'], /--school: no school file infra\/schools\/nope\.json \(known: alpha, beta\)/],
      [['--school', 'alpha', '--students', '-5'], /--students: .*(>=|at least|too small).*1/i],
      [['--school', 'alpha', '--students', 'many'], /--students: expected a number, got "many"/],
      [['--school', 'alpha', '--set', 'parentActiveShare=1.5'], /--set parentActiveShare: .*1/],
      [['--school', 'alpha', '--set', 'cats=3'], /--set cats=3: unknown usage field "cats"/],
      [['--region', 'mars-1'], /--region must be one of eu-central-1, us-east-1/],
      [['--school', 'alpha', '--all'], /--school and --all/],
      [['--bogus'], /Unknown option '--bogus'/],
    ])('%j', async (argv, message) => {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    });

    it('a school file with a bad usage field or plan', async () => {
      const bad = schoolsDir({
        gamma: school('gamma', { usage: { students: -5 } }),
        delta: school('delta', { usage: { pupils: 5 } }),
        omega: school('omega', { deployment: { cognitoPlan: 'gold' } }),
      });
      expect((await run(['--school', 'gamma'], bad)).err).toMatch(/infra\/schools\/gamma\.json usage\.students: /);
      expect((await run(['--school', 'delta'], bad)).err).toMatch(/infra\/schools\/delta\.json usage\.pupils: unknown usage field/);
      expect((await run(['--school', 'omega'], bad)).err).toMatch(/infra\/schools\/omega\.json: deployment\.cognitoPlan must be one of lite, essentials, plus \(got "gold"\)/);
    });
  });
});
