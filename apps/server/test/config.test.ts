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
