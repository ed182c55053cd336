import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeStartError } from '../../electron/startup-error.js';

test('known codes say what to do', () => {
  const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:18080'), { code: 'EADDRINUSE', port: 18080 });
  assert.equal(describeStartError(inUse), 'port 18080 is already in use (is `aegisgate serve` or another AegisGate running?)');
  assert.match(describeStartError({ code: 'EADDRINUSE' }), /^the port is already in use/);
  const abi = Object.assign(new Error('The module was compiled against a different Node.js version'), { code: 'ERR_DLOPEN_FAILED' });
  assert.match(describeStartError(abi), /better-sqlite3 is not built for this Electron.*install-app-deps/);
});

test('anything else: the first line of its message, bounded', () => {
  assert.equal(describeStartError(new Error('master.key is wrapped with "x"\n    at stack')), 'master.key is wrapped with "x"');
  assert.equal(describeStartError('plain'), 'plain');
  assert.equal(describeStartError(new Error('y'.repeat(500))).length, 200);
});
