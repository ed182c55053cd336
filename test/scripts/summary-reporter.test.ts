import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error -- plain .mjs reporter loaded by node itself; it has no type declarations
import summary from '../../scripts/summary-reporter.mjs';

interface Event { type: string; data: { skip?: boolean; todo?: boolean; details?: { type?: string } } }

async function run(events: Event[]): Promise<string> {
  async function* source(): AsyncGenerator<Event> { yield* events; }
  let out = '';
  for await (const chunk of (summary as (s: AsyncIterable<Event>) => AsyncIterable<string>)(source())) out += chunk;
  return out.trim();
}

describe('CI summary reporter', () => {
  it('counts leaf tests, not suites, and reports skips and todos separately', async () => {
    const line = await run([
      { type: 'test:pass', data: {} },
      { type: 'test:pass', data: {} },
      { type: 'test:fail', data: {} },
      { type: 'test:pass', data: { skip: true } },
      { type: 'test:pass', data: { todo: true } },
      { type: 'test:fail', data: { details: { type: 'suite' } } },
      { type: 'test:diagnostic', data: {} },
    ]);
    assert.equal(line, '2 passed, 1 failed, 2 skipped');
  });

  it('still prints a line CI can read when nothing ran', async () => {
    assert.equal(await run([]), '0 passed, 0 failed');
  });
});
