import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rememberPreview, toRemember } from '../../../renderer/lib/remember.js';

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

describe('remember preview', () => {
  const findings = [{ category: 'secret', detector: 'aws-access-key' }, { category: 'secret', detector: 'google-api-key' }, { category: 'secret', detector: 'aws-access-key' }];

  it('lists one rule per kind for the kind scopes, one per value, one for everything', () => {
    const category = rememberPreview({ scope: 'category', lifetime: 'day' }, findings, 'cursor')!;
    assert.equal(category.head, 'Remembering creates 2 rules, for 24 hours:');
    assert.deepEqual(category.rules, ['aws-access-key findings (secret), from any app', 'google-api-key findings (secret), from any app']);
    assert.deepEqual(rememberPreview({ scope: 'app', lifetime: 'always' }, findings.slice(0, 1), 'cursor')!.rules, ['aws-access-key findings (secret), from cursor']);
    assert.equal(rememberPreview({ scope: 'value', lifetime: 'always' }, findings, 'cursor')!.rules.length, 3);
    const everything = rememberPreview({ scope: 'everything', lifetime: 'hour' }, findings, 'cursor')!;
    assert.deepEqual([everything.head, everything.rules], ['Remembering creates one rule, for 1 hour:', ['every finding from cursor, of any kind']]);
    assert.match(rememberPreview({ scope: 'category', lifetime: 'day' }, findings, 'cursor', 'response')!.actions, /Allow makes them allow such calls/);
    assert.equal(rememberPreview({ scope: '', lifetime: 'day' }, findings, 'cursor'), undefined);
  });
});
