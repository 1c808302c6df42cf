// `npm run demo -- --scale S|L --data DIR [--locale pl|cs|en]`: builds the demo office on purpose,
// through the same command the first-run screen uses, into an empty data folder.
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { SessionState } from '../../../shared/contract/users.schema';
import { createCore } from '../app/core';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    data: { type: 'string' },
    locale: { type: 'string', default: 'pl' },
  },
});
const scale = values.scale === 'L' ? 'L' : values.scale === 'S' ? 'S' : null;
if (!values.data || !scale || !['pl', 'cs', 'en'].includes(values.locale)) {
  console.error('usage: npm run demo -- --scale S|L --data DIR [--locale pl|cs|en]');
  process.exit(2);
}
const dir = path.resolve(values.data);
if (existsSync(dir) && readdirSync(dir).some((f) => f !== 'device.json')) {
  console.error(`${dir} is not empty: the demo office is built into an empty data folder only.`);
  process.exit(1);
}
const t0 = performance.now();
const core = await createCore({
  dataDir: dir,
  history: 'eager',
  appVersion: process.env.npm_package_version,
});
const session = core.openSession();
const r = await core.dispatch(session.id, 'setup:openDemo', { locale: values.locale, scale });
await core.close();
if (!r.ok) {
  console.error(`The demo office could not be built: ${r.error.message}`);
  process.exit(1);
}
const st = r.data as SessionState;
console.log(
  `Demo office "${st.officeName}" (scale ${scale}) built in ${dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
);
console.log('Sign in with:');
for (const d of st.demoLogins ?? []) console.log(`  ${d.role.padEnd(9)} ${d.login.padEnd(10)} ${d.password}`);
console.log(`Open it: npm run web -- --data ${values.data}`);
