// Runs every test/**/*.test.ts (or the files and folders given) under node:test with tsx, and ends
// with one plain "N passed, N failed" line that CI reads. Node 20's --test does not expand globs itself.
// The client compatibility suite (test/clients/) runs after the rest, one file at a time and with a
// longer timeout: it may install pinned agent CLIs on first use, and each runs real programs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { summaryLine } from './summary-reporter.mjs';

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(process.cwd(), path));
  }
  return out.sort();
}

const args = process.argv.slice(2);
const files = (args.length > 0 ? args : ['test']).flatMap((a) => (statSync(a).isDirectory() ? findTests(a) : [a]));
const isClient = (f) => /^test[\\/]clients[\\/]/.test(f);
const phases = [
  { files: files.filter((f) => !isClient(f)), timeout: 120_000, concurrency: process.env.TEST_CONCURRENCY ?? '2' },
  { files: files.filter(isClient), timeout: 900_000, concurrency: '1' },
].filter((p) => p.files.length > 0);

const tmp = mkdtempSync(join(tmpdir(), 'aegis-test-summary-'));
const summaryFile = join(tmp, 'counts.jsonl');

function run(phase) {
  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      `--test-concurrency=${phase.concurrency}`,
      `--test-timeout=${phase.timeout}`,
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/count-reporter.mjs', '--test-reporter-destination=stdout',
      ...phase.files,
    ],
    { stdio: 'inherit', env: { ...process.env, AEGIS_SUMMARY_FILE: summaryFile } },
  );
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

let exitCode = 0;
for (const phase of phases) exitCode = (await run(phase)) || exitCode;
const counts = { passed: 0, failed: 0, skipped: 0 };
try {
  for (const line of readFileSync(summaryFile, 'utf8').split('\n').filter(Boolean)) {
    const c = JSON.parse(line);
    for (const k of Object.keys(counts)) counts[k] += c[k];
  }
} catch {
  // No phase reported (it crashed before its end): the exit code says so.
}
rmSync(tmp, { recursive: true, force: true });
if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
console.log(`\n${summaryLine(counts)}`);
process.exit(exitCode);
