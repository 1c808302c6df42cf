import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../../shared/contract/backups.schema';
import type { SessionState } from '../../../shared/contract/users.schema';
import { fixedClock } from '../../../shared/domain/dates';
import { createCore } from '../app/core';
import type { Core } from '../app/core';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const clock = fixedClock('2026-11-23T09:00:00Z');

async function newCore(dir?: string, automatic = false): Promise<Core> {
  const d = dir ?? mkdtempSync(path.join(os.tmpdir(), 'regio-backup-'));
  if (!dir) dirs.push(d);
  const c = await createCore({
    dataDir: d,
    clock,
    history: 'eager',
    checkOutput: true,
    scryptCost: { N: 1024, r: 8, p: 1 },
    failedSignInDelayMs: 0,
    backups: { automatic, keep: 3 },
  });
  cores.push(c);
  return c;
}
async function ok<T>(core: Core, sid: string, command: string, input: unknown = {}): Promise<T> {
  const r = await core.dispatch(sid, command, input);
  if (!r.ok) throw new Error(`${command}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}
async function office(core: Core): Promise<string> {
  const s = core.openSession();
  await ok(core, s.id, 'setup:createOffice', {
    office: { name: 'Biuro Gdańsk', code: 'GDN', currency: 'PLN', locale: 'pl', timeZone: 'Europe/Warsaw' },
    admin: { login: 'admin', displayName: 'Admin', password: 'admin-123' },
  });
  return s.id;
}
/** Everything a person could see, in a stable order, without the volatile metadata. */
function contents(core: Core): string {
  const out: Record<string, unknown[]> = {};
  for (const c of core.store.collectionNames())
    out[c] = [...core.store.all(c)].sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify(out);
}

describe('backups', () => {
  it('restores a backup exactly: back up, change data, restore, compare', async () => {
    const core = await newCore();
    const sid = await office(core);
    for (let i = 0; i < 5; i++) await ok(core, sid, 'teams:create', { name: `Zespół ${i} – Żuławy` });
    const before = contents(core);
    const b = await ok<BackupInfo>(core, sid, 'backups:create');
    expect(b).toMatchObject({ reason: 'manual', officeName: 'Biuro Gdańsk', counts: { teams: 5, users: 1 } });

    await ok(core, sid, 'teams:create', { name: 'Zespół po kopii' });
    await ok(core, sid, 'office:update', {
      office: { name: 'Biuro zmienione', currency: 'EUR', locale: 'pl', timeZone: 'Europe/Warsaw' },
    });
    expect(contents(core)).not.toBe(before);

    const preview = await ok<BackupInfo & { users: number }>(core, sid, 'backups:preview', { id: b.id });
    expect(preview).toMatchObject({ officeName: 'Biuro Gdańsk', users: 1, counts: { teams: 5 } });

    const st = await ok<SessionState>(core, sid, 'backups:restore', { id: b.id });
    expect(st.user).toBeNull(); // everyone signs in again into the restored data
    expect(contents(core)).toBe(before);
    // The state it replaced was kept as a backup of its own.
    const list = await ok<BackupInfo[]>(core, (await signIn(core)).id, 'backups:list');
    expect(list.map((x) => x.reason)).toEqual(expect.arrayContaining(['manual', 'pre-restore']));

    // And it survives a restart: the restored folder opens to the same state.
    const dir = core.dataDir;
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    const again = await newCore(dir);
    expect(contents(again)).toBe(before);
  });

  it('keeps the photo files (attachments/) in a backup and brings back the ones a folder lost', async () => {
    const core = await newCore();
    const sid = await office(core);
    // A photo file as the attachments service writes it (the file first, then its record).
    const photos = path.join(core.dataDir, 'attachments');
    mkdirSync(photos, { recursive: true });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    writeFileSync(path.join(photos, 'a1.png'), png);
    const b = await ok<BackupInfo>(core, sid, 'backups:create');
    expect(readFileSync(path.join(core.dataDir, 'backups', b.id, 'attachments', 'a1.png'))).toEqual(png);
    // The file is lost from the folder (a bad disk, a careless hand): the restore brings it back.
    rmSync(path.join(photos, 'a1.png'));
    await ok<SessionState>(core, sid, 'backups:restore', { id: b.id });
    expect(readFileSync(path.join(photos, 'a1.png'))).toEqual(png);
  });

  it('gives two backups made in the same millisecond distinct ids', async () => {
    const core = await newCore();
    const sid = await office(core);
    const a = await ok<BackupInfo>(core, sid, 'backups:create');
    const b = await ok<BackupInfo>(core, sid, 'backups:create');
    expect(a.createdAt).toBe(b.createdAt); // the test clock does not move
    expect(a.id).not.toBe(b.id);
    expect((await ok<BackupInfo[]>(core, sid, 'backups:list')).map((x) => x.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
  });

  it('deletes one backup on request (how an erasure reaches backups that do not rotate)', async () => {
    const core = await newCore();
    const sid = await office(core);
    const a = await ok<BackupInfo>(core, sid, 'backups:create');
    const b = await ok<BackupInfo>(core, sid, 'backups:create');
    const left = await ok<BackupInfo[]>(core, sid, 'backups:delete', { id: a.id });
    expect(left.map((x) => x.id)).toEqual([b.id]);
    expect(existsSync(path.join(core.dataDir, 'backups', a.id))).toBe(false);
    // The live data shares files with the deleted backup by hard link: it is untouched.
    expect((await core.dispatch(sid, 'office:get', {})).ok).toBe(true);
    expect(await core.dispatch(sid, 'backups:delete', { id: a.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await core.dispatch(sid, 'backups:delete', { id: '../journal' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('makes a backup on start, rotates the automatic ones, keeps manual ones', async () => {
    const core = await newCore();
    const sid = await office(core);
    await ok(core, sid, 'backups:create');
    const dir = core.dataDir;
    await core.close();
    cores.splice(0);
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      const c = await newCore(dir, true);
      await c.store.whenHistoryLoaded();
      // The start backup runs in the background: wait until this start's one is complete.
      const id = `${clock.now().toISOString().replace(/[:.]/g, '-')}-start`;
      for (let k = 0; k < 250 && !existsSync(path.join(dir, 'backups', id, 'backup.json')); k++)
        await new Promise((r) => setTimeout(r, 20));
      expect(existsSync(path.join(dir, 'backups', id, 'backup.json'))).toBe(true);
      await c.close();
      cores.splice(0);
    }
    const names = readdirSync(path.join(dir, 'backups'));
    expect(names.filter((n) => n.endsWith('-start'))).toHaveLength(3);
    expect(names.filter((n) => n.endsWith('-manual'))).toHaveLength(1);
  });

  it('exports everything to one file and imports it into an empty data folder, refusing damaged files', async () => {
    const core = await newCore();
    const sid = await office(core);
    await ok(core, sid, 'teams:create', { name: 'Tým Ostrava – Poruba' });
    const before = contents(core);
    const exp = await ok<{ fileName: string; records: number }>(core, sid, 'backups:exportAll');
    const file = path.join(core.dataDir, 'exports', exp.fileName);
    expect(exp.records).toBeGreaterThan(20);
    // Every person's data is in the file: the export is in the audit log.
    expect(
      [
        ...core.store.all<{ id: string; action: string; details?: { kind: string; count: number } }>('audit'),
      ].filter((a) => a.action === 'export'),
    ).toEqual([expect.objectContaining({ details: { kind: 'office_export', count: exp.records } })]);

    const target = await newCore();
    const incoming = path.join(target.dataDir, 'incoming');
    mkdirSync(incoming, { recursive: true });
    const text = readFileSync(file, 'utf8');
    // A damaged copy (one record edited) and a cut one are refused, and nothing is written.
    writeFileSync(path.join(incoming, 'edited.ndjson'), text.replace('Ostrava', 'Opava'));
    writeFileSync(path.join(incoming, 'cut.ndjson'), text.split('\n').slice(0, 10).join('\n'));
    const t = target.openSession().id;
    for (const f of ['edited.ndjson', 'cut.ndjson']) {
      const r = await target.dispatch(t, 'setup:importAll', { fileName: f });
      expect(r).toMatchObject({ ok: false, error: { key: 'errors.import_file_invalid' } });
      expect(target.store.seq).toBe(0);
    }
    expect(await target.dispatch(t, 'setup:importAll', { fileName: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });

    writeFileSync(path.join(incoming, 'good.ndjson'), text);
    writeFileSync(path.join(incoming, 'not allowed.ndjson'), text); // a name the import would refuse: not offered
    const waiting = await ok<{ folder: string; files: Array<{ fileName: string; bytes: number }> }>(
      target,
      t,
      'setup:incomingFiles',
    );
    expect(waiting.folder).toBe(incoming);
    expect(waiting.files.map((f) => f.fileName)).toEqual(['cut.ndjson', 'edited.ndjson', 'good.ndjson']);
    expect(waiting.files.find((f) => f.fileName === 'good.ndjson')?.bytes).toBe(Buffer.byteLength(text));
    const st = await ok<SessionState>(target, t, 'setup:importAll', { fileName: 'good.ndjson' });
    expect(st).toMatchObject({ firstRun: false, officeName: 'Biuro Gdańsk' });
    expect(contents(target)).toBe(before);
    // The imported admin signs in with the same password.
    expect(
      (await ok<SessionState>(target, t, 'auth:signIn', { login: 'admin', password: 'admin-123' })).user
        ?.login,
    ).toBe('admin');
    // Once the office exists, the folder's path is no longer told to anyone who asks.
    expect(await target.dispatch(t, 'setup:incomingFiles', {})).toMatchObject({
      ok: false,
      error: { key: 'errors.office_exists' },
    });
    // A second import into a folder that has an office is refused.
    expect(await target.dispatch(t, 'setup:importAll', { fileName: 'good.ndjson' })).toMatchObject({
      ok: false,
      error: { key: 'errors.import_needs_empty' },
    });
  });
});

async function signIn(core: Core) {
  const s = core.openSession();
  await ok(core, s.id, 'auth:signIn', { login: 'admin', password: 'admin-123' });
  return s;
}
