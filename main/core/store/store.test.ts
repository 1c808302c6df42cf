import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { fixedClock } from '../../../shared/domain/dates';
import { encodeLine, segmentName } from './journal';
import { Store } from './store';
import type { StoreOptions } from './store';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'regio-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const open = (dir: string, o: Partial<StoreOptions> = {}) =>
  Store.open({ dir, deviceId: 'test', history: 'eager', ...o });
const lastSegment = (dir: string) => {
  const segs = readdirSync(path.join(dir, 'journal')).sort();
  return path.join(dir, 'journal', segs[segs.length - 1]!);
};
const nonEmptySegments = (dir: string) =>
  readdirSync(path.join(dir, 'journal'))
    .sort()
    .map((f) => path.join(dir, 'journal', f))
    .filter((f) => readFileSync(f).length > 0);

describe('Store', () => {
  it('keeps inserts and patches across a reopen, with and without a checkpoint', async () => {
    const dir = tmp();
    let s = await open(dir);
    const a = await s.transact({ userId: 'u1' }, (tx) =>
      tx.insert('clients', { name: 'Sklep „Pod Lipami” Łódź', city: 'Łódź' }),
    );
    await s.transact({ userId: 'u2' }, (tx) => tx.patch('clients', a.id, { city: 'Kraków' }));
    await s.close({ checkpoint: false });
    s = await open(dir);
    expect(s.get('clients', a.id)).toMatchObject({
      name: 'Sklep „Pod Lipami” Łódź',
      city: 'Kraków',
      createdBy: 'u1',
      updatedBy: 'u2',
    });
    expect(s.byIndex('clients', 'city', 'Kraków').map((r) => r.id)).toEqual([a.id]);
    expect(s.byIndex('clients', 'city', 'Łódź')).toEqual([]);
    await s.close(); // with a checkpoint
    s = await open(dir);
    expect(s.get('clients', a.id)?.city).toBe('Kraków');
    expect(s.generation).toBe(1);
    await s.close();
  });

  it('undoes every write of a transaction that throws, and journals nothing', async () => {
    const dir = tmp();
    let s = await open(dir);
    await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'A', externalCode: 'X1' }));
    const seq = s.seq;
    await expect(
      s.transact({ userId: 'u' }, (tx) => {
        tx.insert('clients', { name: 'B', externalCode: 'X2' });
        tx.insert('contacts', { clientId: 'b', surname: 'Nowak' });
        tx.insert('clients', { name: 'C', externalCode: 'X1' }); // unique conflict: everything goes
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(s.seq).toBe(seq);
    expect(s.count('clients')).toBe(1);
    expect(s.count('contacts')).toBe(0);
    expect(s.byUnique('clients', 'externalCode', 'X2')).toBeUndefined();
    await s.close({ checkpoint: false });
    s = await open(dir);
    expect(s.count('clients')).toBe(1);
    expect(s.count('contacts')).toBe(0);
    await s.close();
  });

  it('fails a transaction whose data JSON cannot write like one that throws: undone, no seq spent', async () => {
    const dir = tmp();
    let s = await open(dir);
    const a = await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'A', v: 1 }));
    const seq = s.seq;
    const bad = s.transact({ userId: 'u' }, (tx) => {
      tx.patch('clients', a.id, { v: 2 });
      tx.insert('clients', { id: 'bad', name: 'B', amount: 10n });
    });
    await expect(bad).rejects.toThrow(/BigInt/);
    expect(s.seq).toBe(seq);
    expect(s.get('clients', 'bad')).toBeUndefined();
    expect(s.get('clients', a.id)?.v).toBe(1);
    const b = await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'after' }));
    s.abandon();
    s = await open(dir);
    expect(s.get('clients', b.id)?.name).toBe('after');
    expect(s.repairs.filter((r) => r.kind !== 'lock_taken_over')).toEqual([]);
    await s.close();
  });

  it('shares one fsync among the commits of one tick (group commit)', async () => {
    const dir = tmp();
    const s = await open(dir);
    const before = (s as unknown as { journal: { fsyncs: number } }).journal.fsyncs;
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: `K${i}` })),
      ),
    );
    const used = (s as unknown as { journal: { fsyncs: number } }).journal.fsyncs - before;
    expect(used).toBeGreaterThanOrEqual(1);
    expect(used).toBeLessThan(10);
    await s.close();
  });

  it('cuts a torn last line, reports it, and goes on writing after it', async () => {
    const dir = tmp();
    let s = await open(dir);
    for (let i = 0; i < 3; i++)
      await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: `K${i}` }));
    await s.close({ checkpoint: false });
    const seg = nonEmptySegments(dir).pop()!;
    appendFileSync(seg, '1234abcd {"seq":99,"txId":"t","op');
    s = await open(dir);
    expect(s.count('clients')).toBe(3);
    expect(s.repairs.map((r) => r.kind)).toContain('journal_tail_cut');
    await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'after' }));
    await s.close({ checkpoint: false });
    s = await open(dir);
    expect(s.count('clients')).toBe(4);
    expect(s.repairs).toEqual([]);
    await s.close();
  });

  it('cuts at a corrupt line in the middle: nothing after a damaged record is applied', async () => {
    const dir = tmp();
    let s = await open(dir);
    for (let i = 0; i < 4; i++)
      await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: `K${i}` }));
    await s.close({ checkpoint: false });
    const seg = nonEmptySegments(dir).pop()!;
    const lines = readFileSync(seg, 'utf8').split('\n');
    // Lines come in pairs (record, commit mark); damage the third transaction's record.
    lines[4] = lines[4]!.replace('K2', 'K9');
    writeFileSync(seg, lines.join('\n'));
    s = await open(dir);
    expect([...s.all('clients')].map((c) => c.name).sort()).toEqual(['K0', 'K1']);
    expect(s.repairs[0]).toMatchObject({ kind: 'journal_tail_cut' });
    expect(s.repairs[0]!.detail).toContain('checksum');
    await s.close();
  });

  it('drops a transaction that has no commit mark', async () => {
    const dir = tmp();
    let s = await open(dir);
    await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'kept' }));
    const seq = s.seq;
    await s.close({ checkpoint: false });
    const base = {
      txId: 'tx-x',
      at: new Date().toISOString(),
      userId: 'u',
      deviceId: 'd',
      entity: 'clients',
    };
    appendFileSync(
      lastSegment(dir),
      encodeLine({ ...base, seq: seq + 1, opId: 'o1', id: 'half-1', patch: { name: 'half 1' } }) +
        encodeLine({ ...base, seq: seq + 2, opId: 'o2', id: 'half-2', patch: { name: 'half 2' } }),
    );
    s = await open(dir);
    expect(s.get('clients', 'half-1')).toBeUndefined();
    expect(s.count('clients')).toBe(1);
    expect(s.repairs.map((r) => r.kind)).toContain('uncommitted_tx_dropped');
    await s.close();
  });

  // A kill inside a group commit's write leaves a transaction's first lines and then a torn one.
  // The cut must take the whole half transaction: cut at the torn line only, its first lines stay,
  // holding the seqs the next session writes from, and the open after that saw a "gap" there and
  // dropped everything that session had acknowledged (found by the SIGKILL test in CI).
  it('cuts a half-written transaction with its torn line, so what is written after survives', async () => {
    const dir = tmp();
    let s = await open(dir);
    for (let i = 0; i < 2; i++)
      await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: `K${i}` }));
    const seq = s.seq;
    await s.close({ checkpoint: false });
    const base = { txId: 'tx-half', at: new Date().toISOString(), userId: 'u', deviceId: 'd' };
    appendFileSync(
      lastSegment(dir),
      encodeLine({
        ...base,
        seq: seq + 1,
        opId: 'o1',
        entity: 'clients',
        id: 'half-1',
        patch: { name: 'h1' },
      }) +
        encodeLine({
          ...base,
          seq: seq + 2,
          opId: 'o2',
          entity: 'clients',
          id: 'half-2',
          patch: { name: 'h2' },
        }) +
        '5a5a5a5a {"seq":' +
        String(seq + 3) +
        ',"txId":"tx-half","opId":"o3","ent',
    );
    s = await open(dir);
    expect(s.repairs.map((r) => r.kind)).toEqual(['journal_tail_cut', 'uncommitted_tx_dropped']);
    expect(s.get('clients', 'half-1')).toBeUndefined();
    expect(s.seq).toBe(seq);
    const after = await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'after the cut' }));
    await s.transact({ userId: 'u' }, (tx) => tx.patch('clients', after.id, { city: 'Brno' }));
    s.abandon(); // killed again, before any checkpoint
    s = await open(dir);
    expect(s.get('clients', after.id)).toMatchObject({ name: 'after the cut', city: 'Brno' });
    expect(s.count('clients')).toBe(3);
    expect(s.repairs.filter((r) => r.kind !== 'lock_taken_over')).toEqual([]);
    await s.close();
  });

  it('joins up a journal left with a half transaction before the next segment (older versions, undone cuts)', async () => {
    const dir = tmp();
    let s = await open(dir);
    await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { id: 'kept', name: 'kept' }));
    const seq = s.seq;
    await s.close({ checkpoint: false });
    const base = { at: new Date().toISOString(), userId: 'u', deviceId: 'd', entity: 'clients' };
    // What the old cut left (or a power cut that undid a cut): the half transaction, even its
    // torn line, stays at the end of its segment ...
    appendFileSync(
      lastSegment(dir),
      encodeLine({
        ...base,
        seq: seq + 1,
        txId: 'tx-half',
        opId: 'o1',
        id: 'half',
        patch: { name: 'half' },
      }) +
        '0badf00d {"seq":' +
        String(seq + 2),
    );
    // ... and the next session's segment starts at that same seq, with acknowledged work in it.
    writeFileSync(
      path.join(dir, 'journal', segmentName(seq + 1)),
      encodeLine({
        ...base,
        seq: seq + 1,
        txId: 'tx-ok',
        opId: 'o2',
        id: 'acked',
        patch: { name: 'acked' },
      }) + encodeLine({ seq: seq + 2, txId: 'tx-ok', commit: 1 }),
    );
    s = await open(dir);
    expect(s.get('clients', 'acked')?.name).toBe('acked');
    expect(s.get('clients', 'half')).toBeUndefined();
    expect(s.seq).toBe(seq + 2);
    const kinds = s.repairs.map((r) => r.kind);
    expect(kinds).toContain('uncommitted_tx_dropped');
    expect(kinds).not.toContain('segment_dropped');
    await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { id: 'later', name: 'later' }));
    await s.close({ checkpoint: false });
    s = await open(dir);
    expect([...s.all('clients')].map((c) => c.id).sort()).toEqual(['acked', 'kept', 'later']);
    expect(s.repairs).toEqual([]);
    await s.close();
  });

  it('rewrites only dirty shards at a checkpoint', async () => {
    const dir = tmp();
    const s = await open(dir, { shardSize: 10 });
    const ids: string[] = [];
    await s.transact({ userId: 'u' }, (tx) => {
      for (let i = 0; i < 50; i++) ids.push(tx.insert('clients', { name: `K${i}` }).id);
    });
    const first = await s.checkpoint();
    expect(first.shardsWritten).toBe(5);
    await s.transact({ userId: 'u' }, (tx) => tx.patch('clients', ids[23]!, { name: 'changed' }));
    const second = await s.checkpoint();
    expect(second.shardsWritten).toBe(1);
    const third = await s.checkpoint();
    expect(third.shardsWritten).toBe(0);
    await s.close();
  });

  it('falls back to the previous generation when a shard of the newest is damaged', async () => {
    const dir = tmp();
    let s = await open(dir, { shardSize: 10 });
    const ids: string[] = [];
    await s.transact({ userId: 'u' }, (tx) => {
      for (let i = 0; i < 30; i++) ids.push(tx.insert('clients', { name: `K${i}` }).id);
    });
    await s.checkpoint();
    await s.transact({ userId: 'u' }, (tx) => tx.patch('clients', ids[5]!, { name: 'gen2' }));
    await s.checkpoint();
    await s.transact({ userId: 'u' }, (tx) => tx.patch('clients', ids[6]!, { name: 'journal only' }));
    await s.close({ checkpoint: false });
    const snap = path.join(dir, 'snapshots');
    const gen2 = readdirSync(snap).find((f) => f.endsWith('.g2.json'))!;
    writeFileSync(path.join(snap, gen2), '{"collection":"clients","shard":0,"records":[');
    s = await open(dir, { shardSize: 10 });
    expect(s.repairs.map((r) => r.kind)).toContain('snapshot_generation_skipped');
    expect(s.generation).toBe(1);
    expect(s.get('clients', ids[5]!)?.name).toBe('gen2'); // replayed from the journal kept for gen 1
    expect(s.get('clients', ids[6]!)?.name).toBe('journal only');
    expect(s.count('clients')).toBe(30);
    await s.close();
  });

  it('rebuilds from the older generation when a shard fails after open, keeping what was written since', async () => {
    const dir = tmp();
    let s = await open(dir, { shardSize: 10 });
    const ids: string[] = [];
    await s.transact({ userId: 'u' }, (tx) => {
      for (let i = 0; i < 30; i++) ids.push(tx.insert('clients', { name: `K${i}` }).id);
    });
    await s.checkpoint();
    await s.transact({ userId: 'u' }, (tx) => tx.patch('clients', ids[1]!, { name: 'gen2' }));
    await s.checkpoint();
    await s.close({ checkpoint: false });
    const snap = path.join(dir, 'snapshots');
    const damaged = readdirSync(snap).find((f) => f.startsWith('clients.') && f.endsWith('.g2.json'))!;
    writeFileSync(
      path.join(snap, damaged),
      '{"collection":"clients","shard":0,"records":[{"id":"forged"}]}\n',
    );
    s = await open(dir, { shardSize: 10, history: 'background', sliceMs: 0 });
    // Sign-in data is there at once, and can be written before the damage is found.
    const u = await s.transact({ userId: 'u' }, (tx) => tx.insert('users', { login: 'ewa' }));
    await s.whenHistoryLoaded();
    expect(s.repairs.map((r) => r.kind)).toContain('snapshot_generation_skipped');
    expect(s.get('clients', 'forged')).toBeUndefined();
    expect(s.get('clients', ids[1]!)?.name).toBe('gen2');
    expect(s.count('clients')).toBe(30);
    expect(s.get('users', u.id)).toBeDefined();
    await s.close();
    s = await open(dir, { shardSize: 10 });
    expect(s.get('users', u.id)).toBeDefined();
    expect(s.count('clients')).toBe(30);
    await s.close();
  });

  it('writes a shard as it was when the checkpoint began, whatever commits do meanwhile', async () => {
    const dir = tmp();
    let s = await open(dir, { shardSize: 5_000, sliceMs: 0 });
    const ids: string[] = [];
    await s.transact({ userId: 'u' }, (tx) => {
      for (let i = 0; i < 20_000; i++) ids.push(tx.insert('clients', { name: `K${i}`, v: 0 }).id);
    });
    const cp = s.checkpoint();
    // Change records in every shard while it is being written; remember at which seq each landed.
    const patches: Array<{ id: string; v: number; seq: number }> = [];
    for (let k = 0; k < 40; k++) {
      const id = ids[(k * 499) % ids.length]!;
      await s.transact({ userId: 'u' }, (tx) => tx.patch('clients', id, { v: k + 1 }));
      patches.push({ id, v: k + 1, seq: s.seq });
    }
    const r = await cp;
    const expected = new Map<string, number>();
    for (const p of patches) if (p.seq <= r.seq) expected.set(p.id, p.v);
    expect(patches.filter((p) => p.seq > r.seq).length).toBeGreaterThan(20); // most landed mid-checkpoint
    await s.close({ checkpoint: false });
    // Open the snapshot alone (journal set aside): it must hold every record at v = 0.
    const { renameSync, mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'journal-aside'));
    for (const f of readdirSync(path.join(dir, 'journal')))
      renameSync(path.join(dir, 'journal', f), path.join(dir, 'journal-aside', f));
    s = await open(dir, { shardSize: 5_000 });
    expect(s.generation).toBe(r.gen);
    for (const c of s.all('clients')) expect(c.v).toBe(expected.get(c.id) ?? 0);
    expect(s.count('clients')).toBe(20_000);
    await s.close({ checkpoint: false });
  });

  it('keeps committing while a checkpoint serialises large shards', async () => {
    const dir = tmp();
    const s = await open(dir, { shardSize: 20_000, sliceMs: 1 });
    await s.transact({ userId: 'u' }, (tx) => {
      for (let i = 0; i < 40_000; i++)
        tx.insert('visits', { clientId: `c${i % 500}`, date: '2026-11-23', note: 'x'.repeat(50) });
    });
    let cpDone = false;
    const cp = s.checkpoint().then((r) => ((cpDone = true), r));
    let committedDuring = 0;
    while (!cpDone) {
      await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'during' }));
      if (!cpDone) committedDuring++;
    }
    expect((await cp).shardsWritten).toBeGreaterThanOrEqual(2);
    expect(committedDuring).toBeGreaterThan(3);
    await s.close();
  });

  it('refuses a second writer and takes over a lock left by a dead process', async () => {
    const dir = tmp();
    const s = await open(dir);
    await expect(open(dir)).rejects.toMatchObject({ code: 'store_locked' });
    await s.close();
    writeFileSync(
      path.join(dir, 'regio.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), at: 'then' }),
    );
    const s2 = await open(dir);
    expect(s2.repairs.map((r) => r.kind)).toContain('lock_taken_over');
    await s2.close();
    expect(existsSync(path.join(dir, 'regio.lock'))).toBe(false);
  });

  it('opens with sign-in data first: the rest loads after, with its journal records', async () => {
    const dir = tmp();
    let s = await open(dir);
    const c = await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'K' }));
    await s.transact({ userId: 'u' }, (tx) => {
      for (let i = 0; i < 20; i++) tx.insert('visits', { clientId: c.id, date: '2026-11-23' });
    });
    await s.checkpoint();
    await s.transact({ userId: 'u' }, (tx) => tx.insert('visits', { clientId: c.id, date: '2026-11-24' }));
    await s.close({ checkpoint: false });
    s = await open(dir, { history: 'background', sliceMs: 0 });
    expect(s.count('users')).toBe(0); // boot collections answer at once
    if (!s.historyLoaded) {
      expect(() => s.count('visits')).toThrow(AppError);
      await expect(s.transact({ userId: 'u' }, (tx) => tx.insert('visits', {}))).rejects.toMatchObject({
        code: 'not_ready',
      });
    }
    await s.whenHistoryLoaded();
    expect(s.byIndex('visits', 'clientId', c.id)).toHaveLength(21);
    await s.close();
  });

  it('migrates an older data folder after backing it up, once', async () => {
    const dir = tmp();
    let s = await open(dir, { schemaVersion: 1, migrations: [] });
    await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'K', town: 'Brno' }));
    await s.close();
    const migrations = [
      {
        to: 2,
        describe: 'clients.town → clients.city',
        up: (cols: Map<string, Map<string, Record<string, unknown>>>) => {
          for (const r of cols.get('clients')!.values()) {
            r.city = r.town;
            delete r.town;
          }
        },
      },
    ];
    s = await open(dir, { schemaVersion: 2, migrations, clock: fixedClock('2026-11-23T10:00:00Z') });
    const [rec] = [...s.all('clients')];
    expect(rec).toMatchObject({ city: 'Brno' });
    expect(rec).not.toHaveProperty('town');
    const backups = readdirSync(path.join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^pre-migration-v1-/);
    expect(
      readdirSync(path.join(dir, 'backups', backups[0]!, 'snapshots')).some((f) => f.startsWith('manifest-')),
    ).toBe(true);
    await s.close();
    s = await open(dir, { schemaVersion: 2, migrations });
    expect(readdirSync(path.join(dir, 'backups'))).toHaveLength(1);
    expect([...s.all('clients')][0]).toMatchObject({ city: 'Brno' });
    await s.close();
    await expect(open(dir, { schemaVersion: 1, migrations: [] })).rejects.toMatchObject({
      code: 'store_failed',
      key: 'errors.store_newer',
    });
  });

  it('reads on open only the journal after the snapshot, not what the older generation keeps', async () => {
    const dir = tmp();
    let s = await open(dir);
    for (let round = 0; round < 3; round++) {
      await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: `R${round}` }));
      await s.checkpoint();
    }
    await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'after' }));
    await s.close({ checkpoint: false });
    const segmentsOnDisk = readdirSync(path.join(dir, 'journal')).filter(
      (f) => readFileSync(path.join(dir, 'journal', f)).length > 0,
    );
    expect(segmentsOnDisk.length).toBeGreaterThanOrEqual(2); // the older generation's part is still there
    const read: string[] = [];
    const { nodeFileLayer } = await import('./file-layer');
    const counting = {
      ...nodeFileLayer,
      readFile: (f: string) => (f.endsWith('.log') && read.push(path.basename(f)), nodeFileLayer.readFile(f)),
    };
    s = await open(dir, { fs: counting });
    expect(s.count('clients')).toBe(4);
    expect(read.length).toBe(1);
    await s.close();
  });

  it('trims the journal to what the two kept generations need', async () => {
    const dir = tmp();
    const s = await open(dir);
    for (let round = 0; round < 4; round++) {
      await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: `R${round}` }));
      await s.checkpoint();
    }
    const manifests = readdirSync(path.join(dir, 'snapshots')).filter((f) => f.startsWith('manifest-'));
    expect(manifests).toHaveLength(2);
    expect(readdirSync(path.join(dir, 'journal')).length).toBeLessThanOrEqual(3);
    await s.close();
  });
});
