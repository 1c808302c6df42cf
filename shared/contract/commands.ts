import { z } from 'zod';
import {
  AuditEntryOut,
  BulkUpdateInput,
  BulkUpdateResult,
  ClientCard,
  ClientIdsInput,
  DuplicateCheckInput,
  DuplicateDismissInput,
  DuplicateScanInput,
  DuplicateScanResult,
  DuplicateSuspect,
  ConsentInput,
  ProposedContactRow,
  EraseInput,
  PersonalExportFile,
  PersonalExportInput,
  ClientFields,
  ClientListInput,
  ClientPatch,
  ClientRow,
  Contact,
  ContactFields,
  ContactPatch,
  CorrectionInput,
  CorrectionRequest,
  MergeInput,
  MergeOut,
  MergePairInput,
  MergePreview,
  MergeResult,
  UndoMergeResult,
} from './clients.schema';
import {
  JobCancelInput,
  JobCancelResult,
  MailingListCounts,
  MailingListExportInput,
  MailingListExportResult,
  MailingListOptions,
  MailingListPreviewInput,
  ReportExportInput,
  ExportFile,
  VisitPlanExportInput,
  VisitPlanExportResult,
} from './exports.schema';
import {
  ImportCommitResult,
  ImportPreset,
  ImportPresetInput,
  ImportRecordOut,
  ImportRevertResult,
  ImportRunInput,
  ImportSummary,
  ImportUpload,
  ImportUploadInput,
} from './imports.schema';
import {
  Product,
  ProductFields,
  ProductPatch,
  Promotion,
  PromotionFields,
  VisitStandard,
  VisitStandardRow,
  VisitStandardSaveInput,
} from './catalog.schema';
import {
  Call,
  CallFileInput,
  CallFilePreview,
  CallImportMapping,
  CallImportResult,
  CallListInput,
  CallLogInput,
  CallPreset,
  CallTriageInput,
  CallWatchSettings,
} from './calls.schema';
import {
  AgendaInput,
  Attachment,
  AttachmentAddInput,
  AttachmentFile,
  RepCounters,
  Task,
  TaskUpdateInput,
  VisitCancelInput,
  VisitCompleteInput,
  VisitDetail,
  VisitPlanInput,
  VisitRow,
  VisitSeriesInput,
  VisitUpdateInput,
} from './visits.schema';
import {
  ActionAlerts,
  ActionApproveInput,
  ActionCancelInput,
  ActionCloseInput,
  ActionCreateInput,
  ActionDetail,
  ActionEditInput,
  ActionIdInput,
  ActionListInput,
  ActionNoteInput,
  ActionRecommendInput,
  ActionRow,
  ActionSettleInput,
  BudgetListInput,
  BudgetRow,
  BudgetSetInput,
  SettlementOrderFile,
} from './actions.schema';
import { BackupInfo, BackupPreview, DataFileName, ExportResult } from './backups.schema';
import {
  DictionaryCreateInput,
  DictionaryItem,
  DictionaryKind,
  DictionaryReorderInput,
  DictionaryUpdateInput,
} from './dictionaries.schema';
import { Locale, Office, OfficeInput } from './office.schema';
import {
  DealCreateInput,
  DealEditInput,
  DealIdInput,
  DealListInput,
  DealRow,
  PlanCounters,
  PlanListInput,
  PlanRow,
  PlanSetInput,
} from './plans.schema';
import {
  ClientOrders,
  ClientOrdersInput,
  OrderCommitResult,
  OrderImportRecord,
  OrderImportSummary,
  OrderPreset,
  OrderPresetInput,
  OrderRevertResult,
  OrderRunInput,
  OrderUpload,
  OrderUploadInput,
} from './orders.schema';
import {
  ReportDrillInput,
  ReportDrillResult,
  ReportResult,
  ReportRunInput,
  ReportScope,
} from './reports.schema';
import { StoreStatus, SystemInfo } from './system.schema';
import {
  DirectoryEntry,
  Login,
  Password,
  DisplayName,
  PublicUser,
  SessionState,
  SignInInput,
  Team,
  TeamInput,
  TeamUpdateInput,
  UserCreateInput,
  UserUpdateInput,
} from './users.schema';

// The whole contract between the renderer and the core, in one place: every command is
// 'domain:verb' → zod input and output. Both transports (Electron IPC, the HTTP host) and the
// renderer's api layer are typed from this map, so a schema and its type cannot drift.

export interface CommandSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** Answerable before the bulky history has loaded (sign-in and the first screens). */
  early?: boolean;
}

const empty = z.object({}).strict();

export const contract = {
  'system:info': { input: empty, output: SystemInfo, early: true },
  'system:storeStatus': { input: empty, output: StoreStatus, early: true },
  'office:get': { input: empty, output: Office.nullable(), early: true },
  'office:update': {
    input: z.object({ office: OfficeInput.omit({ code: true }) }).strict(),
    output: Office,
    early: true,
  },

  // First run: an empty data folder becomes a real office (with its admin) or the demo office.
  'setup:createOffice': {
    input: z
      .object({
        office: OfficeInput,
        admin: z.object({ login: Login, displayName: DisplayName, password: Password }).strict(),
      })
      .strict(),
    output: SessionState,
    early: true,
  },
  /** Restores an "export everything" file (put in the data folder's incoming/) into an empty office. */
  /** First run only: the export files waiting in the data folder's incoming/ folder, and where it is. */
  'setup:incomingFiles': {
    input: empty,
    output: z.object({
      folder: z.string(),
      files: z.array(z.object({ fileName: z.string(), bytes: z.number().int(), modifiedAt: z.string() })),
    }),
    early: true,
  },
  'setup:importAll': {
    input: z.object({ fileName: DataFileName }).strict(),
    output: SessionState,
    early: true,
  },
  'setup:openDemo': {
    input: z.object({ locale: Locale.default('pl'), scale: z.enum(['S', 'L']).default('S') }).strict(),
    output: SessionState,
    early: true,
  },

  'auth:session': { input: empty, output: SessionState, early: true },
  'auth:signIn': { input: SignInInput, output: SessionState, early: true },
  'auth:signOut': { input: empty, output: SessionState, early: true },
  'auth:changePassword': {
    input: z.object({ current: z.string().min(1).max(200), next: Password }).strict(),
    output: z.object({ changed: z.literal(true) }),
    early: true,
  },
  'prefs:setLanguage': { input: z.object({ language: Locale }).strict(), output: PublicUser, early: true },

  'users:list': {
    input: z.object({ includeInactive: z.boolean().default(true) }).strict(),
    output: z.array(PublicUser),
    early: true,
  },
  'users:directory': { input: empty, output: z.array(DirectoryEntry), early: true },
  'users:create': { input: UserCreateInput, output: PublicUser, early: true },
  'users:update': { input: UserUpdateInput, output: PublicUser, early: true },
  'users:resetPassword': {
    input: z.object({ id: z.string(), password: Password }).strict(),
    output: PublicUser,
    early: true,
  },

  'teams:list': { input: empty, output: z.array(Team), early: true },
  'teams:create': { input: TeamInput, output: Team, early: true },
  'teams:update': { input: TeamUpdateInput, output: Team, early: true },

  'backups:list': { input: empty, output: z.array(BackupInfo), early: true },
  'backups:create': { input: empty, output: BackupInfo, early: true },
  'backups:preview': { input: z.object({ id: DataFileName }).strict(), output: BackupPreview, early: true },
  'backups:restore': { input: z.object({ id: DataFileName }).strict(), output: SessionState, early: true },
  'backups:exportAll': { input: empty, output: ExportResult },
  /** Removes one backup; answers the list that remains. */
  'backups:delete': { input: z.object({ id: DataFileName }).strict(), output: z.array(BackupInfo) },

  'clients:list': {
    input: ClientListInput,
    output: z.object({ rows: z.array(ClientRow), total: z.number().int() }),
  },
  'clients:get': { input: z.object({ id: z.string() }).strict(), output: ClientCard },
  'clients:create': { input: ClientFields.strict(), output: ClientCard },
  'clients:update': { input: z.object({ id: z.string(), patch: ClientPatch }).strict(), output: ClientCard },
  'contacts:create': { input: ContactFields.strict(), output: Contact },
  'contacts:update': { input: z.object({ id: z.string(), patch: ContactPatch }).strict(), output: Contact },
  /** A rep adds a person met on a visit: usable at once, unconfirmed until the operator confirms. */
  'contacts:propose': { input: ContactFields.strict(), output: Contact },
  'contacts:confirm': {
    input: z.object({ id: z.string(), patch: ContactPatch.optional() }).strict(),
    output: Contact,
  },
  'corrections:create': { input: CorrectionInput, output: CorrectionRequest },
  /** The operator's queue (oldest first); for reps and managers, the requests they filed. */
  'corrections:list': {
    input: z.object({ status: z.enum(['open', 'accepted', 'rejected']).optional() }).strict(),
    output: z.array(CorrectionRequest),
  },
  'corrections:accept': { input: z.object({ id: z.string() }).strict(), output: CorrectionRequest },
  'corrections:reject': {
    input: z.object({ id: z.string(), note: z.string().trim().min(1).max(1000) }).strict(),
    output: CorrectionRequest,
  },
  'corrections:counts': {
    input: empty,
    output: z.object({ openCorrections: z.number().int(), proposedContacts: z.number().int() }),
  },
  'audit:history': { input: z.object({ entityId: z.string() }).strict(), output: z.array(AuditEntryOut) },
  /** Clients that may be the same as the one being entered, with the reasons: a warning, not a refusal. */
  'clients:checkDuplicates': { input: DuplicateCheckInput, output: z.array(DuplicateSuspect) },
  /** The whole base scanned for suspected duplicate pairs, with the reasons; dismissed pairs left out. */
  'duplicates:scan': { input: DuplicateScanInput, output: DuplicateScanResult },
  /** Marks a suspected pair as not a duplicate, for good (it never comes back in a scan). */
  'duplicates:dismiss': { input: DuplicateDismissInput, output: z.object({ pairKey: z.string() }) },
  'clients:listIds': { input: ClientIdsInput, output: z.object({ ids: z.array(z.string()) }) },
  /** The operator's queue of unconfirmed contacts, oldest first. */
  'contacts:listProposed': { input: empty, output: z.array(ProposedContactRow) },
  /** Rep, segment or status of many clients; dryRun (the default) only says what would change. */
  'clients:bulkUpdate': { input: BulkUpdateInput, output: BulkUpdateResult },
  'contacts:setConsent': { input: ConsentInput, output: Contact },
  /** Everything stored about one contact person, as JSON or PDF; recorded in the audit log. */
  'contacts:exportData': { input: PersonalExportInput, output: PersonalExportFile },
  /** Anonymises a person on request, keeping the records and counts that refer to them. */
  'contacts:erase': { input: EraseInput, output: Contact },

  /** Two clients side by side before a merge: the fields that differ and what would move. */
  'merges:preview': { input: MergePairInput, output: MergePreview },
  /** Merges one client into another in one transaction: chosen values, every related record moved. */
  'merges:merge': { input: MergeInput, output: MergeResult },
  /** Restores both clients and moves back what the merge moved, keeping changes made since. */
  'merges:undo': { input: z.object({ id: z.string().min(1) }).strict(), output: UndoMergeResult },
  /** The merges a client took part in (as survivor or as the merged one), newest first. */
  'merges:list': { input: z.object({ clientId: z.string().min(1) }).strict(), output: z.array(MergeOut) },

  /** Reads a CSV or XLSX file (kept for the session): its columns, first rows and a suggested mapping. */
  'imports:upload': { input: ImportUploadInput, output: ImportUpload },
  /** What the import would do, row by row, without writing anything. */
  'imports:dryRun': { input: ImportRunInput, output: ImportSummary },
  /** The import, all rows in one transaction (or none). */
  'imports:commit': { input: ImportRunInput, output: ImportCommitResult },
  /** Undoes the newest import; fields changed since keep their newer values (and are listed). */
  'imports:revert': { input: z.object({ id: z.string().min(1) }).strict(), output: ImportRevertResult },
  /** Imports of clients, newest first. */
  'imports:list': { input: empty, output: z.array(ImportRecordOut) },
  'importPresets:list': { input: empty, output: z.array(ImportPreset) },
  /** Saves a column mapping under a name (the same name replaces it). */
  'importPresets:save': { input: ImportPresetInput, output: ImportPreset },
  'importPresets:delete': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string() }),
  },

  // ---- products, central promotions, visit standards (the admin's; everyone reads them) ----
  'products:list': {
    input: z.object({ includeInactive: z.boolean().default(false) }).strict(),
    output: z.array(Product),
  },
  'products:create': { input: ProductFields.strict(), output: Product },
  'products:update': {
    input: z.object({ id: z.string().min(1), patch: ProductPatch }).strict(),
    output: Product,
  },
  /** A product list from CSV (code, name, unit, unit value); dryRun (the default) only counts. */
  'products:import': {
    input: z
      .object({
        fileName: z.string().trim().min(1).max(255),
        data: z.string().max(7_000_000),
        dryRun: z.boolean().default(true),
      })
      .strict(),
    output: z.object({
      counts: z.object({
        new: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        error: z.number().int(),
      }),
      errors: z.array(z.object({ row: z.number().int(), key: z.string(), value: z.string().nullable() })),
    }),
  },
  'promotions:list': { input: empty, output: z.array(Promotion) },
  'promotions:create': { input: PromotionFields, output: Promotion },
  'promotions:update': {
    input: z.object({ id: z.string().min(1), promotion: PromotionFields }).strict(),
    output: Promotion,
  },
  /** The current version of every standard, with the overlaps the admin is warned of. */
  'visitStandards:list': { input: empty, output: z.array(VisitStandardRow) },
  /** A new standard, or a new version of one (visits already done keep their tasks). */
  'visitStandards:save': { input: VisitStandardSaveInput, output: VisitStandardRow },
  'visitStandards:archive': {
    input: z.object({ lineageId: z.string().min(1) }).strict(),
    output: z.object({ lineageId: z.string() }),
  },
  'visitStandards:history': {
    input: z.object({ lineageId: z.string().min(1) }).strict(),
    output: z.array(VisitStandard),
  },

  // ---- visits and their tasks ----
  'visits:plan': { input: VisitPlanInput, output: VisitDetail },
  /** Visits by frequency (every 1, 2 or 4 weeks, or monthly) from a date until another. */
  'visits:planSeries': { input: VisitSeriesInput, output: z.object({ visits: z.array(VisitRow) }) },
  /** Reschedule (date, time) or edit a planned visit. */
  'visits:update': { input: VisitUpdateInput, output: VisitDetail },
  'visits:complete': { input: VisitCompleteInput, output: VisitDetail },
  'visits:cancel': { input: VisitCancelInput, output: VisitDetail },
  'visits:get': { input: z.object({ id: z.string().min(1) }).strict(), output: VisitDetail },
  /** A rep's (or a team's) visits between two dates, with their tasks counted. */
  'visits:agenda': { input: AgendaInput, output: z.array(VisitRow) },
  'tasks:update': { input: TaskUpdateInput, output: Task },
  /** A photo for a task's result (stored in the data folder with a thumbnail). */
  'attachments:add': { input: AttachmentAddInput, output: Attachment },
  'attachments:get': {
    input: z.object({ id: z.string().min(1), thumbnail: z.boolean().default(false) }).strict(),
    output: AttachmentFile,
  },
  // ---- calls ----
  /** A call in two clicks: the client (and contact) and a status from the quick list. */
  'calls:log': { input: CallLogInput, output: Call },
  'calls:list': { input: CallListInput, output: z.array(Call) },
  /** A telephony export read without importing: its columns, first rows and a guessed mapping. */
  'calls:preview': {
    input: CallFileInput.extend({ headerRow: z.boolean().default(true) }).strict(),
    output: CallFilePreview,
  },
  /** Imports a telephony export: idempotent (the same call is never added twice). */
  'calls:import': {
    input: CallFileInput.extend({ mapping: CallImportMapping }).strict(),
    output: CallImportResult,
  },
  'callPresets:list': { input: empty, output: z.array(CallPreset) },
  'callPresets:save': {
    input: z.object({ name: z.string().trim().min(1).max(80), mapping: CallImportMapping }).strict(),
    output: CallPreset,
  },
  'callPresets:delete': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string() }),
  },
  /** The watched folder: new files in it are imported with the chosen preset. */
  'calls:watchGet': { input: empty, output: CallWatchSettings },
  'calls:watchSet': {
    input: z.object({ enabled: z.boolean(), presetId: z.string().nullable() }).strict(),
    output: CallWatchSettings,
  },
  /** Imported calls whose number matched no one, or several: oldest first. */
  'calls:triageList': { input: empty, output: z.array(Call) },
  'calls:triage': { input: CallTriageInput, output: Call },
  /** The rep's live counters on the home screen (PRODUCT.md §6). */
  'home:repCounters': { input: empty, output: RepCounters },

  // ---- local actions, budgets, settlements (PRODUCT.md §3) ----
  /** Every rep-month figure of a month (a rep: their own; a manager: the team's). */
  'budgets:list': { input: BudgetListInput, output: z.array(BudgetRow) },
  /** Sets a rep's monthly budget; refused when it would fall below reserved + committed. */
  'budgets:set': { input: BudgetSetInput, output: BudgetRow },
  'actions:list': { input: ActionListInput, output: z.array(ActionRow) },
  'actions:get': { input: ActionIdInput, output: ActionDetail },
  /** A draft (reserves nothing), or registered at once (reserves and puts the verification tasks). */
  'actions:create': { input: ActionCreateInput, output: ActionDetail },
  /** What PRODUCT.md §3 allows: everything before the start, only the end and conditions once running. */
  'actions:edit': { input: ActionEditInput, output: ActionDetail },
  /** A draft becomes active: the amount is reserved from the budget month. */
  'actions:register': { input: ActionIdInput, output: ActionDetail },
  /** Before the start (or a draft): released, its open verification tasks removed. */
  'actions:cancel': { input: ActionCancelInput, output: ActionDetail },
  /** Closed without settlement (after the end, or returned): the reservation is released. */
  'actions:close': { input: ActionCloseInput, output: ActionDetail },
  'actions:recommend': { input: ActionRecommendInput, output: ActionDetail },
  /** The manager sends a recommendation back to the rep. */
  'actions:return': { input: ActionNoteInput, output: ActionDetail },
  'actions:reject': { input: ActionNoteInput, output: ActionDetail },
  /** Commits the approved amount, releases the rest, and orders the settlement. */
  'actions:approve': { input: ActionApproveInput, output: ActionDetail },
  /** HQ's confirmation: settled with the final amount (the difference is released). */
  'actions:settle': { input: ActionSettleInput, output: ActionDetail },
  /** The manager's desk: recommendations waiting for a decision, oldest first. */
  'actions:queue': { input: empty, output: z.array(ActionRow) },
  /** The printable settlement order (PDF) of an approved or settled action. */
  'actions:settlementOrder': { input: ActionIdInput, output: SettlementOrderFile },
  'home:actionAlerts': { input: empty, output: ActionAlerts },

  // ---- sales plans and deals (PRODUCT.md §2, §6) ----
  /** Every rep's targets and actuals of a month (a rep: their own; a manager: the team's). */
  'plans:list': { input: PlanListInput, output: z.array(PlanRow) },
  /** Sets a rep's monthly targets (contacts, meetings, deals won). */
  'plans:set': { input: PlanSetInput, output: PlanRow },
  'deals:list': { input: DealListInput, output: z.array(DealRow) },
  'deals:get': { input: DealIdInput, output: DealRow },
  /** A rep records a deal won or lost with one of their clients. */
  'deals:create': { input: DealCreateInput, output: DealRow },
  'deals:edit': { input: DealEditInput, output: DealRow },
  /** Archives a deal recorded by mistake (nothing is deleted: the audit keeps it). */
  'deals:archive': { input: DealIdInput, output: z.object({ id: z.string() }) },
  /** "5 of 10 deals won": the month's plan against the records, for the signed-in rep or manager's team. */
  'home:planCounters': { input: empty, output: PlanCounters },

  // ---- orders from the ERP (PRODUCT.md §2 "Order line") ----
  /** Reads an ERP export (CSV or XLSX, kept for the session): its columns, first rows and a suggested mapping. */
  'orders:upload': { input: OrderUploadInput, output: OrderUpload },
  /** What the import would do, row by row, without writing anything. */
  'orders:dryRun': { input: OrderRunInput, output: OrderImportSummary },
  /** The new lines, all in one transaction (or none); lines imported before are skipped. */
  'orders:commit': { input: OrderRunInput, output: OrderCommitResult },
  /** Removes the lines an import added. */
  'orders:revert': { input: z.object({ id: z.string().min(1) }).strict(), output: OrderRevertResult },
  /** Imports of orders, newest first. */
  'orders:imports': { input: empty, output: z.array(OrderImportRecord) },
  'orderPresets:list': { input: empty, output: z.array(OrderPreset) },
  /** Saves a column mapping under a name (the same name replaces it). */
  'orderPresets:save': { input: OrderPresetInput, output: OrderPreset },
  'orderPresets:delete': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string() }),
  },
  /** The client card's panel: what the client orders most and its last orders. */
  'orders:client': { input: ClientOrdersInput, output: ClientOrders },

  // ---- reports (PRODUCT.md §6) ----
  /** The teams and reps the report filters may name, and the reports this user may run. */
  'reports:scope': { input: empty, output: ReportScope },
  /** Computes a report (in slices, with `job:progress`), or returns it from the cache while the data is unchanged. */
  'reports:run': { input: ReportRunInput, output: ReportResult },
  /** The records behind a figure (or a chart bar): exactly the ones the figure counts. */
  'reports:drill': { input: ReportDrillInput, output: ReportDrillResult },

  // ---- exports (PRODUCT.md §7): files made in the core, saved where the user chooses ----
  /** A rep's visit plan for a date range as PDF, ICS, XLSX or CSV (audited: it holds contacts' data). */
  'exports:visitPlan': { input: VisitPlanExportInput, output: VisitPlanExportResult },
  /** The cities and parent companies the mailing-list filters offer. */
  'exports:mailingListOptions': { input: empty, output: MailingListOptions },
  /** How many contacts the filter puts on the list and how many it leaves out, and why (no file). */
  'exports:mailingListPreview': { input: MailingListPreviewInput, output: MailingListCounts },
  /** The mailing list as CSV (UTF-8 with BOM), recorded in the audit log. */
  'exports:mailingList': { input: MailingListExportInput, output: MailingListExportResult },
  /** A report as XLSX, CSV or PDF (with its chart), with the filters it was computed for. */
  'exports:report': { input: ReportExportInput, output: ExportFile },
  /** Stops one of the caller's long jobs (an export) named by its jobId. */
  'jobs:cancel': { input: JobCancelInput, output: JobCancelResult },

  'dictionaries:list': {
    input: z
      .object({ kind: DictionaryKind.optional(), includeInactive: z.boolean().default(false) })
      .strict(),
    output: z.array(DictionaryItem),
    early: true,
  },
  'dictionaries:create': { input: DictionaryCreateInput, output: DictionaryItem, early: true },
  'dictionaries:update': { input: DictionaryUpdateInput, output: DictionaryItem, early: true },
  'dictionaries:reorder': { input: DictionaryReorderInput, output: z.array(DictionaryItem), early: true },
} satisfies Record<string, CommandSpec>;

export type Contract = typeof contract;
export type CommandName = keyof Contract;
/** What a caller sends (before defaults and transforms). */
export type CommandInput<K extends CommandName> = z.input<Contract[K]['input']>;
/** What a handler receives (parsed). */
export type ParsedInput<K extends CommandName> = z.output<Contract[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<Contract[K]['output']>;
export const COMMAND_NAMES = Object.keys(contract) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
