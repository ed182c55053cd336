import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toRemember } from '../../../renderer/lib/remember.js';

describe('remember choices', () => {
  it('map to the decision body’s scope × lifetime', () => {
    const now = 1_000_000;
    assert.equal(toRemember({ scope: '', lifetime: 'always' }, now), undefined);
    assert.deepEqual(toRemember({ scope: 'value', lifetime: 'always' }, now), { scope: 'value', lifetime: 'always' });
    assert.deepEqual(toRemember({ scope: 'app', lifetime: 'restart' }, now), { scope: 'app', lifetime: 'restart' });
    assert.deepEqual(toRemember({ scope: 'category', lifetime: 'hour' }, now), { scope: 'category', lifetime: 'until', until: now + 3_600_000 });
    assert.deepEqual(toRemember({ scope: 'category', lifetime: 'day' }, now), { scope: 'category', lifetime: 'until', until: now + 86_400_000 });
    assert.deepEqual(toRemember({ scope: 'value', lifetime: 'once' }, now), { scope: 'value', lifetime: 'once' });
  });
});
