// Leaks found end to end and fixed since: each test pins the fix.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startRedactionRig, type RedactionRig } from './rig.js';

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());

describe('gaps found end to end, now fixed', () => {
  it(
    'a phone number followed by " (" (a label such as "(mobile)") is redacted',
    async () => {
      const numbers = ['+44 20 7946 0958', '415-555-2671', '(415) 555-2672'];
      const content = `Call ${numbers[0]} (mobile), office ${numbers[1]} (ext 4) or ${numbers[2]} (cell).`;
      await rig.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
      const upstream = rig.fake.requests[0]!.body.toString('utf8');
      for (const n of numbers) assert.ok(!upstream.includes(n), `${n} reached upstream`);
    },
  );
});
