import { describe, expect, it } from 'vitest';
import { ConfigError, loadRuntimeConfig, parseRuntimeConfig } from './config.ts';

const valid = {
  apiUrl: '',
  region: 'eu-central-1',
  cognitoEndpoint: 'http://localhost:3000/cognito/',
  userPoolId: 'local_pool',
  userPoolClientId: 'client',
  schoolName: 'МБОУ СОШ № 7',
};

describe('parseRuntimeConfig', () => {
  it('accepts a complete config; the staff idle time defaults to 30 minutes', () => {
    expect(parseRuntimeConfig(valid)).toEqual({ ...valid, staffIdleMinutes: 30 });
  });
  it('takes staffIdleMinutes when given, fractions too', () => {
    expect(parseRuntimeConfig({ ...valid, staffIdleMinutes: 15 }).staffIdleMinutes).toBe(15);
    expect(parseRuntimeConfig({ ...valid, staffIdleMinutes: 0.5 }).staffIdleMinutes).toBe(0.5);
  });
  it('rejects a staffIdleMinutes that is not a sensible number of minutes', () => {
    for (const bad of ['30', 0, -5, 24 * 60 + 1, Number.NaN, null]) {
      expect(() => parseRuntimeConfig({ ...valid, staffIdleMinutes: bad })).toThrow(/staffIdleMinutes/);
    }
  });
  it('takes the school’s time zone when given, and refuses one that is not a zone', () => {
    expect(parseRuntimeConfig({ ...valid, timeZone: 'Europe/Moscow' }).timeZone).toBe('Europe/Moscow');
    expect(parseRuntimeConfig(valid)).not.toHaveProperty('timeZone');
    for (const bad of ['Mars/Olympus', '', 3]) expect(() => parseRuntimeConfig({ ...valid, timeZone: bad })).toThrow(/timeZone/);
  });
  it('rejects missing or empty required fields', () => {
    expect(() => parseRuntimeConfig({ ...valid, userPoolClientId: undefined })).toThrow(ConfigError);
    expect(() => parseRuntimeConfig({ ...valid, cognitoEndpoint: ' ' })).toThrow(/cognitoEndpoint/);
    expect(() => parseRuntimeConfig(null)).toThrow(ConfigError);
    expect(() => parseRuntimeConfig([])).toThrow(ConfigError);
  });
});

describe('loadRuntimeConfig', () => {
  it('fetches /config.json from the same origin without caching', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const config = await loadRuntimeConfig(async (input, init) => {
      calls.push([String(input), init]);
      return new Response(JSON.stringify(valid), { status: 200 });
    });
    expect(config.schoolName).toBe('МБОУ СОШ № 7');
    expect(calls[0]?.[0]).toBe('/config.json');
    expect(calls[0]?.[1]?.cache).toBe('no-store');
  });
  it('fails on an HTTP error', async () => {
    await expect(loadRuntimeConfig(async () => new Response('nope', { status: 404 }))).rejects.toThrow(ConfigError);
  });
});
