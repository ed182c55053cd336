import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';
import { GatewayError } from '../errors.js';

/**
 * Validates admin requests with the contract's TypeBox schemas themselves (not Ajv's reading of
 * them), so the server checks exactly what the renderer's types promise: unknown fields are refused,
 * never silently dropped. Query strings and path parameters are converted from text first
 * (`limit=5` → 5); bodies are taken as sent. Failures are 400 GW_ERR_ADMIN_BAD_REQUEST naming the field.
 */
export const typeboxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = TypeCompiler.Compile(schema);
  const convert = httpPart === 'querystring' || httpPart === 'params';
  return (data: unknown) => {
    const value = convert ? Value.Convert(schema, Value.Clone(data ?? {})) : data;
    if (check.Check(value)) return { value };
    const first = check.Errors(value).First();
    const field = first?.path.replace(/^\//, '').replaceAll('/', '.') || '(root)';
    const part = httpPart === 'querystring' ? 'query' : (httpPart ?? 'request');
    const problem = first ? (choices(first.schema) ?? first.message) : 'invalid';
    return { error: new GatewayError('GW_ERR_ADMIN_BAD_REQUEST', `${part} field '${field}': ${problem}`) };
  };
};

/** `Expected union value` says little; a union of literals can list what it accepts. */
function choices(schema: TSchema): string | undefined {
  const options = (schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (!options?.every((o) => o.const !== undefined)) return undefined;
  return `expected one of ${options.map((o) => String(o.const)).join(', ')}`;
}

/** A request-level 400 for checks a schema cannot express (a time that does not parse). */
export const badRequest = (field: string, problem: string): GatewayError =>
  new GatewayError('GW_ERR_ADMIN_BAD_REQUEST', `field '${field}': ${problem}`);
