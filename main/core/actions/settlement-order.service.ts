import type { SettlementOrderFile } from '../../../shared/contract/actions.schema';
import { AppError } from '../../../shared/contract/errors';
import { zonedParts } from '../../../shared/domain/dates';
import type { HandlerContext } from '../app/handler-context';
import { auditExport } from '../audit/audit.service';
import { currentOffice } from '../office/office.service';
import type { UserRecord } from '../users/users.service';
import { actionDetail } from './actions.service';
import { settlementOrderPdf } from './settlement-order.pdf';

/** The settlement order of an approved (or settled) action, as a PDF; each print is audited. */
export async function settlementOrder(ctx: HandlerContext, id: string): Promise<SettlementOrderFile> {
  const d = actionDetail(ctx, id);
  const a = d.action;
  if (a.state !== 'approved' && a.state !== 'settled')
    throw new AppError('illegal_transition', 'Only an approved action has a settlement order', {
      key: 'errors.action_no_order',
      details: { id, state: a.state },
    });
  const approval = [...a.history].reverse().find((h) => h.event === 'approve');
  const office = currentOffice(ctx.store);
  const at = approval ? zonedParts(new Date(approval.at), ctx.timeZone()) : null;
  const bytes = await settlementOrderPdf(d, {
    language: office?.locale ?? ctx.user().language ?? 'pl',
    currency: office?.currency ?? 'PLN',
    approvedAt: at ? `${at.date} ${at.time.slice(0, 5)}` : '—',
    approvedBy: approval
      ? (ctx.store.get<UserRecord>('users', approval.by)?.displayName ?? approval.by)
      : '—',
  });
  await ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
    auditExport(tx, { kind: 'settlement_order_pdf', entity: 'localActions', entityId: a.id, count: 1 }),
  );
  return {
    fileName: `${a.number.replace(/\//g, '-')}.pdf`,
    mime: 'application/pdf',
    base64: bytes.toString('base64'),
  };
}
