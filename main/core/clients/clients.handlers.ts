import type { PartialHandlers } from '../app/handler-table';
import {
  clientCard,
  createClient,
  createContact,
  history,
  listClients,
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
> = {
  'clients:list': (ctx, i) => listClients(ctx, i),
  'clients:get': (ctx, i) => clientCard(ctx, i.id),
  'clients:create': (ctx, i) => createClient(ctx, i),
  'clients:update': (ctx, i) => updateClient(ctx, i.id, i.patch),
  'contacts:create': (ctx, i) => createContact(ctx, i),
  'contacts:update': (ctx, i) => updateContact(ctx, i.id, i.patch),
  'audit:history': (ctx, i) => history(ctx, i.entityId),
};
