import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBlockDevice, isCredentialDir, isCredentialFile, isCriticalTarget } from '../../../../gateway/response/guard/paths.js';

const table = <T extends unknown[]>(name: string, fn: (...a: T) => boolean, rows: ReadonlyArray<[...T, boolean]>) => {
  for (const row of rows) {
    const expected = row[row.length - 1] as boolean;
    const args = row.slice(0, -1) as T;
    test(`${name}(${args.map((a) => JSON.stringify(a)).join(', ')}) → ${expected}`, () => assert.equal(fn(...args), expected));
  }
};

table('isCriticalTarget', (p: string, q: boolean) => isCriticalTarget(p, q), [
  ['/', false, true], ['//', false, true], ['/*', false, true], ['/.', false, true],
  ['~', false, true], ['~/', false, true], ['~/*', false, true], ['$HOME', false, true], ['${HOME}/', false, true],
  ['/home/dev', false, true], ['/Users/dev/', false, true], ['/root', false, true],
  ['/usr', false, true], ['/etc/', false, true], ['/var/*', false, true], ['/System', false, true],
  ['~', true, false], ['~/x', true, false],
  ['/tmp', false, false], ['/tmp/build', false, false], ['/usr/local/lib/node_modules/x', false, false],
  ['/home/dev/proj/dist', false, false], ['~/.cache/pip', false, false], ['node_modules', false, false], ['.', false, false],
  ['/var/lib/apt/lists/*', false, false],
]);

table('isCredentialFile', (p: string) => isCredentialFile(p), [
  ['~/.ssh/id_rsa', true], ['~/.ssh/id_ed25519', true], ['/home/dev/.ssh/id_ecdsa', true], ['$HOME/.ssh/github_rsa', true],
  ['~/.ssh/deploy.pem', true], ['~/.ssh/*', true], ['.ssh/id_rsa', true], ['~/.aws/credentials', true],
  ['~/.config/gcloud/application_default_credentials.json', true], ['~/.config/gcloud/legacy_credentials/me/adc.json', true],
  ['~/.kube/config', true], ['~/.netrc', true], ['/root/.docker/config.json', true], ['~/.git-credentials', true],
  ['/etc/shadow', true], ['/etc/gshadow', true], ['~/.pgpass', true],
  ['~/.ssh/id_rsa.pub', false], ['~/.ssh/config', false], ['~/.ssh/known_hosts', false], ['~/.ssh/authorized_keys', false],
  ['~/.aws/config', false], ['~/.config/gcloud/configurations/config_default', false], ['/etc/passwd', false],
  ['/etc/hosts', false], ['src/ssh/id_parser.ts', false], ['docs/.kube/config.md', false], ['key.pem', false],
]);

table('isCredentialDir', (p: string) => isCredentialDir(p), [
  ['~/.ssh', true], ['~/.ssh/', true], ['/Users/me/.aws', true], ['~/.config/gcloud', true], ['src/.ssh-utils', false], ['~/.cache', false],
]);

table('isBlockDevice', (p: string) => isBlockDevice(p), [
  ['/dev/sda', true], ['/dev/sdb1', true], ['/dev/nvme0n1', true], ['/dev/disk2', true], ['/dev/mmcblk0', true],
  ['/dev/null', false], ['/dev/zero', false], ['/dev/stdout', false], ['/dev/tty', false], ['./dev/sda', false],
]);
