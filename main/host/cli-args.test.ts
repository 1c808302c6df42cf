import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, defaultDataDir, parseCliArgs } from './cli-args';

const defaults = { dataDir: () => '/default/data' };

describe('defaultDataDir', () => {
  it('follows each desktop OS convention, with data/ inside the Regio folder', () => {
    expect(defaultDataDir('linux', {}, '/home/ola')).toBe('/home/ola/.local/share/regio/data');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/xdg' }, '/home/ola')).toBe('/xdg/regio/data');
    // The XDG spec says a relative value is invalid and must be ignored.
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'rel/dir' }, '/home/ola')).toBe(
      '/home/ola/.local/share/regio/data',
    );
    expect(defaultDataDir('darwin', {}, '/Users/ola')).toBe(
      '/Users/ola/Library/Application Support/Regio/data',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ola\\AppData\\Roaming' }, 'C:\\Users\\ola')).toBe(
      'C:\\Users\\ola\\AppData\\Roaming\\Regio\\data',
    );
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ola')).toBe(
      'C:\\Users\\ola\\AppData\\Roaming\\Regio\\data',
    );
  });
});

describe('parseCliArgs', () => {
  it('defaults to a random port and the per-user data folder', () => {
    const a = parseCliArgs([], defaults);
    expect(a).toMatchObject({ dataDir: '/default/data', port: 0, help: false });
    expect(a.clock).toBeUndefined();
    expect(a.timeZone).toBeUndefined();
  });

  it('reads every option, in both --name value and --name=value forms, and skips npm’s --', () => {
    const a = parseCliArgs(
      [
        '--',
        '--data',
        'rel/dir',
        '--port=8123',
        '--no-open',
        '--clock',
        '2026-11-23T23:30:00Z',
        '--tz=Europe/Prague',
      ],
      defaults,
    );
    expect(a.dataDir).toBe(path.resolve('rel/dir'));
    expect(a.port).toBe(8123);
    expect(a.clock?.toISOString()).toBe('2026-11-23T23:30:00.000Z');
    expect(a.timeZone).toBe('Europe/Prague');
  });

  it('refuses what would start a wrong host rather than guessing', () => {
    for (const argv of [
      ['--port', '70000'],
      ['--port', '-1'],
      ['--port', 'abc'],
      ['--clock', 'yesterday'],
      ['--tz', 'Mars/Olympus'],
      ['--data'],
      ['--data', '--port'],
      ['--bogus'],
    ]) {
      expect(() => parseCliArgs(argv, defaults), argv.join(' ')).toThrow(CliError);
    }
  });
});
