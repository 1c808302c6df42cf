import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// electron-builder.yml is configuration, but the fuses in it are security: a typo in a key is
// silently ignored by YAML, so the keys are checked against electron-builder's own schema too.

// js-yaml comes with electron-builder and has no bundled types; its load() is all we need.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  files?: string[];
  directories?: { output?: string; buildResources?: string };
  linux?: { target?: string[]; category?: string };
  win?: { target?: string[] };
  mac?: { target?: string[] };
  publish?: Array<{ provider?: string; url?: string }>;
  electronFuses?: Record<string, unknown>;
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('sets every security fuse the right way', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('passes electron-builder’s own schema validation', async () => {
    // The same check `electron-builder` runs before packing; it rejects unknown keys anywhere.
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(this: void, c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/electronFuses/);
  });

  it('uses only fuse names electron-builder knows', () => {
    const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    for (const k of Object.keys(config.electronFuses ?? {})) expect(known, k).toContain(k);
  });

  it('packs the built app into an asar without source maps', () => {
    expect(config.appId).toBe('eu.regio.desktop');
    expect(config.productName).toBe('Regio');
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(
      expect.arrayContaining(['dist/**', 'package.json', 'assets/**', '!**/*.map']),
    );
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
  });

  it('targets AppImage and deb (Office), NSIS and DMG, with a generic update feed', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office');
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.publish?.[0]).toEqual({ provider: 'generic', url: 'https://updates.regio.example/' });
  });
});
