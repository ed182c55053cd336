// node:test reporter for scripts/test.mjs: appends this run's counts to AEGIS_SUMMARY_FILE, so that
// the script prints one summary line for all its phases.
import { appendFileSync } from 'node:fs';
import { countTests } from './summary-reporter.mjs';

export default async function* counts(source) {
  appendFileSync(process.env.AEGIS_SUMMARY_FILE, `${JSON.stringify(await countTests(source))}\n`);
  yield '';
}
