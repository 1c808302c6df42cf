import type { PartialHandlers } from '../app/handler-table';
import { bulkUpdate } from './bulk.service';
import { listMerges, mergeClients, previewMerge, undoMerge } from './merge.service';
import { findDuplicates } from './duplicates.service';
import { dismissDuplicate, scanForDuplicates } from './duplicate-scan.service';
import { eraseContact, exportPersonalData, setConsent } from './personal-data.service';
import {
  acceptCorrection,
  confirmContact,
  fileCorrection,
  listCorrections,
  proposeContact,
  queueCounts,
  rejectCorrection,
} from './corrections.service';
import {
  clientCard,
  createClient,
  createContact,
  history,
  listClientIds,
  listClients,
  listProposed,
  updateClient,
  updateContact,
} from './clients.service';

export const clientHandlers: PartialHandlers<
  | 'clients:list'
  | 'clients:get'
  | 'clients:create'
  | 'clients:update'
  | 'contacts:create'
  | 'contacts:update'
  | 'audit:history'
  | 'contacts:propose'
  | 'contacts:confirm'
  | 'corrections:create'
  | 'corrections:list'
  | 'corrections:accept'
  | 'corrections:reject'
  | 'corrections:counts'
  | 'clients:listIds'
  | 'clients:checkDuplicates'
  | 'duplicates:scan'
  | 'duplicates:dismiss'
  | 'contacts:listProposed'
  | 'clients:bulkUpdate'
  | 'contacts:setConsent'
  | 'contacts:exportData'
  | 'contacts:erase'
  | 'merges:preview'
  | 'merges:merge'
  | 'merges:undo'
  | 'merges:list'
> = {
  'clients:list': (ctx, i) => listClients(ctx, i),
  'clients:get': (ctx, i) => clientCard(ctx, i.id),
  'clients:create': (ctx, i) => createClient(ctx, i),
  'clients:update': (ctx, i) => updateClient(ctx, i.id, i.patch),
  'contacts:create': (ctx, i) => createContact(ctx, i),
  'contacts:update': (ctx, i) => updateContact(ctx, i.id, i.patch),
  'audit:history': (ctx, i) => history(ctx, i.entityId),
  'contacts:propose': (ctx, i) => proposeContact(ctx, i),
  'contacts:confirm': (ctx, i) => confirmContact(ctx, i.id, i.patch),
  'corrections:create': (ctx, i) => fileCorrection(ctx, i),
  'corrections:list': (ctx, i) => listCorrections(ctx, i.status),
  'corrections:accept': (ctx, i) => acceptCorrection(ctx, i.id),
  'corrections:reject': (ctx, i) => rejectCorrection(ctx, i.id, i.note),
  'corrections:counts': (ctx) => queueCounts(ctx),
  'clients:listIds': (ctx, i) => listClientIds(ctx, i),
  'clients:checkDuplicates': (ctx, i) => findDuplicates(ctx, i),
  'duplicates:scan': (ctx, i) => scanForDuplicates(ctx, i),
  'duplicates:dismiss': (ctx, i) => dismissDuplicate(ctx, i),
  'contacts:listProposed': (ctx) => listProposed(ctx),
  'clients:bulkUpdate': (ctx, i) => bulkUpdate(ctx, i),
  'contacts:setConsent': (ctx, i) => setConsent(ctx, i),
  'contacts:exportData': (ctx, i) => exportPersonalData(ctx, i),
  'contacts:erase': (ctx, i) => eraseContact(ctx, i),
  'merges:preview': (ctx, i) => previewMerge(ctx, i),
  'merges:merge': (ctx, i) => mergeClients(ctx, i),
  'merges:undo': (ctx, i) => undoMerge(ctx, i.id),
  'merges:list': (ctx, i) => listMerges(ctx, i.clientId),
};
