// Leaks found end to end that the gateway does not handle yet, kept as todo tests with their cause
// so they turn green (and lose the mark) when fixed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startRedactionRig, type RedactionRig } from './rig.js';

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());

describe('known gaps', () => {
  it(
    'a phone number followed by " (" (a label such as "(mobile)") is redacted',
    {
      todo:
        'gateway/scan/pii/phone-shape.ts readPhoneShape: a separator followed by "(" continues the run (meant for "+44 (20) …"), ' +
        'the "(" opens a group that no digit follows, so the shape ends with open=true and returns null and the number goes upstream in clear. ' +
        'Repro: compileScanner().scan("Call +44 20 7946 0958 (mobile)") → [] (also "415-555-2671 (ext 4)", "(415) 555-2671 (cell)")',
    },
    async () => {
      const numbers = ['+44 20 7946 0958', '415-555-2671', '(415) 555-2672'];
      const content = `Call ${numbers[0]} (mobile), office ${numbers[1]} (ext 4) or ${numbers[2]} (cell).`;
      await rig.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
      const upstream = rig.fake.requests[0]!.body.toString('utf8');
      for (const n of numbers) assert.ok(!upstream.includes(n), `${n} reached upstream`);
    },
  );
});
