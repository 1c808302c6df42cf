// Every entity of PRODUCT.md §2 has a collection from day one, with the indexes its queries need,
// even where its screens come later: a later issue adds behaviour, not storage.
// `boot` collections are what sign-in needs; they load first, and open() returns once they are in.
// Everything else loads right after, in the order listed (clients before history), while the
// person types their password.

export interface CollectionSpec {
  name: string;
  /** Fields whose non-empty values must be unique among the collection's records. */
  unique?: string[];
  /** Fields looked up by value (arrays index each element). */
  index?: string[];
  boot?: boolean;
}

export const COLLECTIONS: CollectionSpec[] = [
  { name: 'offices', boot: true, unique: ['code'] },
  { name: 'users', boot: true, unique: ['login', 'repCode'], index: ['role', 'teamId', 'managerId'] },
  { name: 'teams', boot: true, index: ['managerId'] },
  { name: 'dictionaries', boot: true, index: ['kind'] },
  { name: 'settings', boot: true, unique: ['key'] },
  {
    name: 'clients',
    unique: ['externalCode'],
    index: ['taxId', 'parentId', 'repId', 'segmentId', 'status', 'city', 'tags'],
  },
  { name: 'contacts', index: ['clientId', 'status', 'phones', 'emails'] },
  { name: 'products', unique: ['code'] },
  { name: 'attachments', index: ['ownerId'] },
  { name: 'visitStandards', index: ['lineageId'] },
  { name: 'promotions' },
  { name: 'budgets', unique: ['key'], index: ['repId', 'month'] },
  { name: 'localActions', unique: ['number'], index: ['repId', 'clientId', 'state', 'budgetMonth'] },
  { name: 'salesPlans', unique: ['key'], index: ['repId', 'month'] },
  { name: 'deals', index: ['repId', 'clientId'] },
  { name: 'correctionRequests', index: ['status', 'clientId', 'requestedBy'] },
  { name: 'imports', index: ['kind'] },
  { name: 'merges', index: ['survivorId'] },
  { name: 'duplicateDismissals', unique: ['pairKey'] },
  { name: 'visits', index: ['clientId', 'repId', 'date', 'status'] },
  { name: 'tasks', index: ['visitId', 'actionId'] },
  {
    name: 'calls',
    unique: ['externalId'],
    index: ['clientId', 'contactId', 'userId', 'number'],
  },
  { name: 'orderLines', unique: ['externalKey'], index: ['clientId', 'productId'] },
  { name: 'audit', index: ['entityId'] },
];

export type CollectionName = string;

/** Bump with a migration below whenever a stored shape changes. */
export const SCHEMA_VERSION = 1;

export interface Migration {
  /** The version this migration produces; it runs on data of version `to - 1`. */
  to: number;
  describe: string;
  up(collections: Map<string, Map<string, Record<string, unknown>>>): void;
}

export const MIGRATIONS: Migration[] = [];
