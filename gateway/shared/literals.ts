import { Type, type SchemaOptions, type TLiteral, type TUnion } from '@sinclair/typebox';

/** A TypeBox union of a constant list's values, so a schema never restates the list it accepts. */
export const Literals = <T extends string>(values: readonly T[], options: SchemaOptions = {}): TUnion<TLiteral<T>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)), options);
