import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeConfigFile } from '../../../renderer/lib/config-file.js';

const base = { path: '/etc/aegis.yaml', at: 0, applied: [], restartRequired: [], shadowed: [] };

it('says what a config file reload applied, what waits for a restart and what the dashboard shadows', () => {
  assert.equal(
    describeConfigFile({ ...base, status: 'applied', applied: ['policy.preset'], restartRequired: ['port'], shadowed: ['confirm.timeoutSec'] }),
    'Config file reloaded: applied policy.preset; needs a restart: port; set in the dashboard, which wins: confirm.timeoutSec',
  );
  assert.equal(describeConfigFile({ ...base, status: 'applied' }), 'Config file reloaded: nothing new to apply');
});

it('says a rejected file changed nothing, with the message naming the field', () => {
  const text = describeConfigFile({ ...base, status: 'invalid', error: { field: 'limits.bodyBytes', message: "invalid config field 'limits.bodyBytes': Expected integer" } });
  assert.match(text, /not applied/);
  assert.match(text, /limits\.bodyBytes/);
});
