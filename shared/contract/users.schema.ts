import { z } from 'zod';
import { Locale, RecordMeta } from './office.schema';

export const ROLES = ['operator', 'rep', 'manager', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Login = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, { message: 'validation.login' });
export const Password = z.string().min(8, { message: 'validation.password_short' }).max(200);
export const DisplayName = z.string().trim().min(1).max(120);
/** The rep's code goes into local-action numbers (LA/2026/11/JKO/0042): 2–4 capital letters. */
export const RepCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,4}$/, { message: 'validation.rep_code' });

/** A user as the renderer sees it: never the password hash. */
export const PublicUser = RecordMeta.extend({
  login: z.string(),
  displayName: z.string(),
  role: Role,
  teamId: z.string().nullable(),
  repCode: z.string().nullable(),
  /** A manager whose team is the whole office (the head of the office). */
  officeWide: z.boolean(),
  active: z.boolean(),
  language: Locale.nullable(),
});
export type PublicUser = z.infer<typeof PublicUser>;

/** Who is who, for pickers and names on records: every signed-in user may read it. */
export const DirectoryEntry = PublicUser.pick({
  id: true,
  displayName: true,
  role: true,
  teamId: true,
  repCode: true,
  active: true,
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

export const UserCreateInput = z
  .object({
    login: Login,
    displayName: DisplayName,
    role: Role,
    password: Password,
    teamId: z.string().nullable().default(null),
    repCode: RepCode.nullable().default(null),
    officeWide: z.boolean().default(false),
  })
  .strict()
  .refine((u) => u.role !== 'rep' || u.repCode !== null, {
    message: 'validation.rep_code_required',
    path: ['repCode'],
  });

export const UserUpdateInput = z
  .object({
    id: z.string(),
    displayName: DisplayName.optional(),
    role: Role.optional(),
    teamId: z.string().nullable().optional(),
    repCode: RepCode.nullable().optional(),
    officeWide: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const Team = RecordMeta.extend({
  name: z.string(),
  managerId: z.string().nullable(),
  active: z.boolean(),
});
export type Team = z.infer<typeof Team>;
export const TeamInput = z
  .object({ name: z.string().trim().min(1).max(120), managerId: z.string().nullable().default(null) })
  .strict();
export const TeamUpdateInput = z
  .object({
    id: z.string(),
    name: z.string().trim().min(1).max(120).optional(),
    managerId: z.string().nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const SignInInput = z
  .object({ login: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();

export const DemoLogin = z.object({
  login: z.string(),
  password: z.string(),
  role: Role,
  displayName: z.string(),
});
export const SessionState = z.object({
  user: PublicUser.nullable(),
  /** No office yet: the first-run screen offers to create one or to open the demo office. */
  firstRun: z.boolean(),
  /** In the demo office, its logins and passwords, shown on the sign-in screen. */
  demoLogins: z.array(DemoLogin).nullable(),
  officeName: z.string().nullable(),
  locale: Locale.nullable(),
});
export type SessionState = z.infer<typeof SessionState>;
