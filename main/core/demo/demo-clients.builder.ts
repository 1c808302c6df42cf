import type { ClientCard, Contact, CorrectionRequest } from '../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../shared/contract/errors';
import type { HandlerContext } from '../app/handler-context';
import type { DemoClientPlan, PlannedConsent } from './demo-clients.plan';

// Sends the planned client base through the core's commands, as the people who would make each
// record: the operator creates clients and contacts and records consents, reps propose contacts
// and file corrections, the operator decides some of them. Every call goes through the full
// dispatch (validation, rights, scope), so the demo office always obeys the rules.
//
// Calls are issued in concurrent batches: each command is one transaction, and the store's group
// commit lets the transactions of one batch share a journal write and an fsync. One batch never
// holds two calls that change the same record (its handlers read, then write).

/** Concurrent calls per batch: enough to share fsyncs, few enough to keep memory and latency flat. */
const BATCH = 100;

async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await Promise.all(items.slice(i, i + BATCH).map(fn));
}

export interface DemoPeople {
  operatorId: string;
  /** In the plan's rep order. */
  repIds: readonly string[];
}

export interface DemoClientsResult {
  clientIds: string[];
  /** Per client, its contacts' ids in plan order. */
  contactIds: string[][];
  commands: number;
}

export async function buildDemoClients(
  ctx: HandlerContext,
  plan: DemoClientPlan,
  people: DemoPeople,
): Promise<DemoClientsResult> {
  let commands = 0;
  const as = async <T>(userId: string, command: string, input: unknown): Promise<T> => {
    commands++;
    const r = await ctx.callAs(userId, command, input);
    if (!r.ok)
      throw new AppError(r.error.code, `demo: ${command} failed: ${r.error.message}`, {
        details: { ...r.error.details, input, issues: r.error.issues },
      });
    return r.data as T;
  };
  const op = people.operatorId;

  const segments = new Map(
    (await as<DictionaryItem[]>(op, 'dictionaries:list', { kind: 'segment' })).map((d) => [d.code, d.id]),
  );
  const segmentId = (code: string | null): string | null => {
    if (code === null) return null;
    const id = segments.get(code);
    if (!id) throw new Error(`demo: no segment ${code} in the default dictionaries`);
    return id;
  };

  // Clients: parent companies and independent shops first, then the outlets that name them.
  const clientIds = new Array<string>(plan.clients.length);
  const indexes = plan.clients.map((_, i) => i);
  const createClient = async (i: number) => {
    const c = plan.clients[i]!;
    const card = await as<ClientCard>(op, 'clients:create', {
      ...c.fields,
      parentId: c.parent === null ? null : clientIds[c.parent],
      segmentId: segmentId(c.segment),
      repId: c.rep === null ? null : people.repIds[c.rep],
    });
    clientIds[i] = card.client.id;
  };
  await inBatches(
    indexes.filter((i) => plan.clients[i]!.parent === null),
    createClient,
  );
  await inBatches(
    indexes.filter((i) => plan.clients[i]!.parent !== null),
    createClient,
  );

  // Contact persons, then their consents: round r records each contact's r-th decision, so a
  // withdrawal comes after its grant and no batch touches one contact twice.
  const contactIds = plan.clients.map((c) => new Array<string>(c.contacts.length));
  const pairs: Array<[number, number]> = [];
  plan.clients.forEach((c, i) => c.contacts.forEach((_, k) => pairs.push([i, k])));
  await inBatches(pairs, async ([i, k]) => {
    const p = await as<Contact>(op, 'contacts:create', {
      clientId: clientIds[i],
      ...plan.clients[i]!.contacts[k]!.fields,
    });
    contactIds[i]![k] = p.id;
  });
  let rounds = 0;
  for (const c of plan.clients) for (const p of c.contacts) rounds = Math.max(rounds, p.consents.length);
  for (let r = 0; r < rounds; r++) {
    const todo: Array<[string, PlannedConsent]> = [];
    for (const [i, k] of pairs) {
      const consent = plan.clients[i]!.contacts[k]!.consents[r];
      if (consent) todo.push([contactIds[i]![k]!, consent]);
    }
    await inBatches(todo, async ([id, consent]) => {
      await as<Contact>(op, 'contacts:setConsent', { id, ...consent });
    });
  }

  // The reps' part: people they met (proposed contacts) and fixes they ask the operator for.
  const repOf = (client: number): string => {
    const rep = plan.clients[client]!.rep;
    if (rep === null) throw new Error(`demo: client ${client} has no rep to file for it`);
    return people.repIds[rep]!;
  };
  await inBatches(plan.proposals, async (p) => {
    await as<Contact>(repOf(p.client), 'contacts:propose', { clientId: clientIds[p.client], ...p.fields });
  });
  const filed = new Array<string>(plan.corrections.length);
  await inBatches(
    plan.corrections.map((c, n) => [c, n] as const),
    async ([c, n]) => {
      const r = await as<CorrectionRequest>(repOf(c.client), 'corrections:create', {
        clientId: clientIds[c.client],
        contactId: c.contact === null ? null : contactIds[c.client]![c.contact],
        field: c.field,
        proposedValue: c.proposedValue,
        note: c.note,
      });
      filed[n] = r.id;
    },
  );
  await inBatches(
    plan.corrections.flatMap((c, n) => (c.decision ? [[c.decision, filed[n]!] as const] : [])),
    async ([d, id]) => {
      if (d.accept) await as(op, 'corrections:accept', { id });
      else await as(op, 'corrections:reject', { id, note: d.note });
    },
  );
  return { clientIds, contactIds, commands };
}
