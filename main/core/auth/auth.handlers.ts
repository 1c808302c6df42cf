import type { PartialHandlers } from '../app/handler-table';
import { buildDemoOffice } from '../demo/demo.builder';
import { toPublicUser } from '../users/users.service';
import { changePassword, createOffice, sessionState, setLanguage, signIn, signOut } from './auth.service';

export const authHandlers: PartialHandlers<
  | 'auth:session'
  | 'auth:signIn'
  | 'auth:signOut'
  | 'auth:changePassword'
  | 'prefs:setLanguage'
  | 'setup:createOffice'
  | 'setup:openDemo'
> = {
  'auth:session': (ctx) => sessionState(ctx),
  'auth:signIn': (ctx, i) => signIn(ctx, i.login, i.password),
  'auth:signOut': (ctx) => signOut(ctx),
  'auth:changePassword': (ctx, i) => changePassword(ctx, i.current, i.next),
  'prefs:setLanguage': async (ctx, i) => toPublicUser(await setLanguage(ctx, i.language)),
  'setup:createOffice': (ctx, i) => createOffice(ctx, i.office, i.admin),
  'setup:openDemo': async (ctx, i) => {
    await buildDemoOffice(ctx, { locale: i.locale, scale: i.scale });
    return sessionState(ctx);
  },
};
