import { z } from 'zod';
import { Office, OfficeInput } from './office.schema';
import { StoreStatus, SystemInfo } from './system.schema';

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
  'office:setup': { input: z.object({ office: OfficeInput }).strict(), output: Office, early: true },
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
