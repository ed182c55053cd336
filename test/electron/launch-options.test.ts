import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LaunchOptionsError, parseLaunchOptions } from '../../electron/launch-options.js';

test('unpackaged argv: the app path and Chromium switches are ignored, our flags read', () => {
  assert.deepEqual(parseLaunchOptions(['/repo', '--no-sandbox', '--port', '0', '--data-dir', '/tmp/a', '--config=/etc/aegis.yaml']), {
    hidden: false, port: 0, dataDir: '/tmp/a', configFile: '/etc/aegis.yaml',
  });
});

test('a login start is hidden', () => {
  assert.deepEqual(parseLaunchOptions(['--hidden']), { hidden: true });
  assert.deepEqual(parseLaunchOptions([]), { hidden: false });
});

test('a bad port is refused with a message', () => {
  for (const bad of ['--port=abc', '--port=70000', '--port=-1', '--port=1e3', '--port']) {
    assert.throws(() => parseLaunchOptions([bad]), LaunchOptionsError, bad);
  }
  assert.throws(() => parseLaunchOptions(['--port=x']), /--port expects a number from 0 to 65535 \(got "x"\)/);
});
