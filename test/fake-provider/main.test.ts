// The benchmark CLI: one JSON line when listening, serves, exits cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('fake provider CLI', () => {
  it('prints {"event":"listening","url"} once, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port', '0', '--delay-ms', '10', '--no-record'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    const [first] = (await once(lines, 'line')) as [string];
    const ready = JSON.parse(first) as { event: string; url: string };
    assert.equal(ready.event, 'listening');
    assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${ready.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: 'cli' }] }) });
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    assert.equal(body.choices[0].message.content, 'echo: cli');
    const extra: string[] = [];
    lines.on('line', (l) => extra.push(l));
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
    assert.deepEqual(extra, []);
  });
});
