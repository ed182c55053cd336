/**
 * Values that stand for a secret rather than being one: env/template references, angle-bracket or
 * all-same-char fillers, and the dummy words that fill examples and docs.
 */
const REFERENCE = /^(?:\$\{|\$\(|\$[A-Za-z_]|\{\{|\{%|%\(|%[sd]$|<[^>]{0,64}>$|\[[^\]]{0,64}\]$|process\.env|os\.environ|os\.getenv|env\(|ENV\[|import\.meta\.env|secrets\.|vault:|!Ref|!Sub)/;
const FILLER = /your|example|placeholder|changeme|change_me|redacted|dummy|replace[-_ ]?me|xxxx|\*\*\*|sample|insert[-_ ]|enter[-_ ]/i;
const DUMMY = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'key', 'apikey', 'api_key', 'test', 'none', 'null', 'nil',
  'undefined', 'true', 'false', 'todo', 'tbd', 'foo', 'bar', 'baz', 'admin', 'root', 'user', 'hidden', 'masked',
]);

export function isPlaceholderValue(value: string): boolean {
  if (value.length === 0 || REFERENCE.test(value) || FILLER.test(value) || DUMMY.has(value.toLowerCase())) return true;
  // "****", "xxxxxxxx", "........": masked or filler.
  let same = true;
  for (let i = 1; i < value.length && same; i++) same = value[i] === value[0];
  return same;
}

export const PLACEHOLDER_VALUE_PATTERNS: readonly RegExp[] = [REFERENCE, FILLER];
