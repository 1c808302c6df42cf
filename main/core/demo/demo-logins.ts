import type { Role } from '../../../shared/contract/users.schema';

// The demo office's accounts. Their passwords are shown on the sign-in screen of a demo office
// only (office.demo = true); a real office never has these.
export const DEMO_LOGINS: Array<{ login: string; password: string; role: Role; displayName: string }> = [
  { login: 'admin', password: 'demo-admin', role: 'admin', displayName: 'Anna Administratorka' },
  { login: 'operator', password: 'demo-operator', role: 'operator', displayName: 'Olga Operatorka' },
  { login: 'manager', password: 'demo-manager', role: 'manager', displayName: 'Marek Kierownik' },
  { login: 'rep', password: 'demo-rep', role: 'rep', displayName: 'Jan Kowalski' },
];
