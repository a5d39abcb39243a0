import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';

describe('readConfig', () => {
  it('listens on every interface by default', () => {
    expect(readConfig({})).toMatchObject({ host: '0.0.0.0', hostLimitedForDemo: false });
  });

  it('with DJ_DEMO=1 (one shared password) listens on 127.0.0.1 unless HOST is set', () => {
    expect(readConfig({ DJ_DEMO: '1' })).toMatchObject({ host: '127.0.0.1', hostLimitedForDemo: true });
    expect(readConfig({ DJ_DEMO: 'true' })).toMatchObject({ host: '127.0.0.1', hostLimitedForDemo: true });
    expect(readConfig({ DJ_DEMO: '1', HOST: '0.0.0.0' })).toMatchObject({
      host: '0.0.0.0',
      hostLimitedForDemo: false,
    });
    expect(readConfig({ DJ_DEMO: '0' })).toMatchObject({ host: '0.0.0.0', hostLimitedForDemo: false });
  });

  it('reads the sign-in throttle and the trusted proxies', () => {
    expect(readConfig({})).toMatchObject({ loginAttemptsPerMinute: 60, trustProxy: false });
    expect(readConfig({ DJ_LOGIN_RATE_LIMIT: '0', DJ_TRUST_PROXY: '1' })).toMatchObject({
      loginAttemptsPerMinute: 0,
      trustProxy: 1,
    });
    expect(readConfig({ DJ_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(() => readConfig({ DJ_TRUST_PROXY: 'true' })).toThrow(/DJ_TRUST_PROXY/);
    expect(() => readConfig({ DJ_TRUST_PROXY: '50' })).toThrow(/DJ_TRUST_PROXY/);
    expect(() => readConfig({ DJ_LOGIN_RATE_LIMIT: '-1' })).toThrow(/DJ_LOGIN_RATE_LIMIT/);
  });

  it('reads the owner role and the superuser override', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://a@h/d' })).toMatchObject({
      databaseOwnerUrl: null,
      allowSuperuser: false,
    });
    expect(
      readConfig({
        DATABASE_URL: 'postgres://a@h/d',
        DATABASE_OWNER_URL: 'postgres://o@h/d',
        DJ_ALLOW_SUPERUSER: '1',
      }),
    ).toMatchObject({ databaseOwnerUrl: 'postgres://o@h/d', allowSuperuser: true });
    expect(() => readConfig({ DATABASE_OWNER_URL: 'postgres://o@h/d' })).toThrow(/DATABASE_URL/);
  });
});
