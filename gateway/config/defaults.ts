import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * A schema section's value with every default filled in, so code that needs a default (the
 * confirmations' settings before any config loads, tests) reads it from the schema, its one home.
 * Throws at load when a field has no default, which would make the section incomplete.
 */
export function defaultsOf<T extends TSchema>(schema: T): Static<T> {
  const value = Value.Default(schema, {});
  if (!Value.Check(schema, value)) throw new Error('defaultsOf: a field of this schema has no default');
  return value;
}
