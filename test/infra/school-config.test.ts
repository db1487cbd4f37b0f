/** The school config and deployment options read from CDK context (infra/lib/config-from-context.ts). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSchoolConfig, resolveStackOptions, StackConfigError } from '../../infra/lib/config-from-context.ts';
import { buildApp } from '../../infra/lib/klassny-app.ts';

const context = (values: Record<string, unknown>) => (key: string) => values[key];

describe('school config', () => {
  it('defaults to infra/schools/demo.json', () => {
    expect(resolveSchoolConfig(context({}))).toEqual({
      schoolId: 'demo',
      schoolName: 'МОУ СОШ № 1 (демо)',
      timeZone: 'Europe/Moscow',
      directorEmail: 'director@school.example',
      mailFrom: 'journal@school.example',
    });
  });

  it('lets single context keys override the file', () => {
    const config = resolveSchoolConfig(context({ school: 'demo', timeZone: 'Europe/Saratov', schoolName: 'Школа № 7' }));
    expect(config).toMatchObject({ schoolId: 'demo', timeZone: 'Europe/Saratov', schoolName: 'Школа № 7' });
  });

  it('selects infra/schools/<id>.json with -c school=<id>', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klassny-schools-'));
    writeFileSync(
      path.join(dir, 'balashov-7.json'),
      JSON.stringify({
        schoolId: 'balashov-7',
        schoolName: 'МОУ СОШ № 7 г. Балашова',
        timeZone: 'Europe/Saratov',
        directorEmail: 'director@b7.example',
        mailFrom: 'journal@b7.example',
        operationsEmail: 'ops@b7.example',
      }),
    );
    expect(resolveSchoolConfig(context({ school: 'balashov-7' }), dir).schoolId).toBe('balashov-7');
  });

  it('rejects an invalid value with the field and the rule broken', () => {
    expect(() => resolveSchoolConfig(context({ timeZone: 'Mars/Olympus_Mons' }))).toThrow(StackConfigError);
    expect(() => resolveSchoolConfig(context({ timeZone: 'Mars/Olympus_Mons' }))).toThrow(
      /Invalid school config \(infra\/schools\/demo\.json with -c overrides\):[\s\S]*timeZone must be an IANA time zone[\s\S]*timeZone/,
    );
    expect(() => resolveSchoolConfig(context({ directorEmail: 'not-an-address', schoolId: 'Demo School' }))).toThrow(
      /directorEmail[\s\S]*schoolId: lower-case letters|schoolId: lower-case letters[\s\S]*directorEmail/,
    );
  });

  it('stops the app before any construct is built', () => {
    expect(() => buildApp({ nag: false, context: { mailFrom: 'nobody' } })).toThrow(/Invalid school config[\s\S]*mailFrom/);
  });

  it('names a missing school file and how to provide one', () => {
    expect(() => resolveSchoolConfig(context({ school: 'no-such-school' }))).toThrow(
      /No school config for "no-such-school": create infra\/schools\/no-such-school\.json/,
    );
  });

  it('rejects a file whose schoolId differs from its name, and malformed JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klassny-schools-'));
    writeFileSync(path.join(dir, 'north.json'), JSON.stringify({ schoolId: 'south' }));
    writeFileSync(path.join(dir, 'broken.json'), '{ "schoolId": ');
    expect(() => resolveSchoolConfig(context({ school: 'north' }), dir)).toThrow(/has schoolId "south", but the file name selects "north"/);
    expect(() => resolveSchoolConfig(context({ school: 'broken' }), dir)).toThrow(/Cannot read school config/);
    expect(() => resolveSchoolConfig(context({ school: '../etc/passwd' }), dir)).toThrow(/Invalid context value school=/);
  });
});

describe('deployment options', () => {
  it('default to the Plus plan and no custom domain', () => {
    expect(resolveStackOptions(context({}))).toEqual({ cognitoPlan: 'plus' });
  });

  it('need the domain and its us-east-1 certificate together', () => {
    expect(() => resolveStackOptions(context({ domainName: 'journal.school.example' }))).toThrow(/domainName and certificateArn go together/);
    expect(() =>
      resolveStackOptions(
        context({ domainName: 'journal.school.example', certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/abc-123' }),
      ),
    ).toThrow(/us-east-1/);
    expect(() => resolveStackOptions(context({ cognitoPlan: 'lite' }))).toThrow(/cognitoPlan/);
  });

  it('may live in the school file under "deployment", with context taking precedence', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klassny-schools-'));
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b7a3c1e-1111-2222-3333-444455556666';
    writeFileSync(
      path.join(dir, 'east.json'),
      JSON.stringify({
        schoolId: 'east',
        schoolName: 'Школа № 3',
        timeZone: 'Asia/Vladivostok',
        directorEmail: 'director@east.example',
        mailFrom: 'journal@east.example',
        operationsEmail: 'ops@east.example',
        deployment: { domainName: 'journal.east.example', certificateArn, cognitoPlan: 'essentials' },
      }),
    );
    expect(resolveSchoolConfig(context({ school: 'east' }), dir)).not.toHaveProperty('deployment');
    expect(resolveStackOptions(context({ school: 'east' }), dir)).toEqual({ domainName: 'journal.east.example', certificateArn, cognitoPlan: 'essentials' });
    expect(resolveStackOptions(context({ school: 'east', cognitoPlan: 'plus' }), dir).cognitoPlan).toBe('plus');
    writeFileSync(path.join(dir, 'typo.json'), JSON.stringify({ schoolId: 'typo', deployment: { domain: 'x.example' } }));
    expect(() => resolveStackOptions(context({ school: 'typo' }), dir)).toThrow(/unknown "deployment" keys domain/);
  });
});
