/**
 * Deterministic generators for representative scan payloads (same seed → same bytes):
 *  - a ~256 KB Claude-Code-like Anthropic Messages request: system prompt, tool definitions, source
 *    files read by tools, bash/test/git output with logs, a long history, and a few planted secrets
 *    and PII;
 *  - a ~1 MB log dump: access logs, JSON logs, stack traces, SQL, with a few planted values.
 * Secrets are generated from the seed at run time, so no real-looking key sits in the source.
 */

export interface Planted {
  kind: string;
  value: string;
}

export interface Payload {
  name: string;
  /** The raw body as it arrives (JSON for the request, plain text for the log dump). */
  body: string;
  /** The decoded strings a gateway scans: every string value of the JSON, or the whole text. */
  texts: string[];
  planted: Planted[];
}

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const B64 = BASE62 + '+/';
const WORDS = [
  'request', 'handler', 'session', 'config', 'stream', 'buffer', 'parse', 'render', 'cache', 'queue', 'worker',
  'client', 'server', 'route', 'payload', 'schema', 'event', 'state', 'store', 'index', 'token', 'user', 'order',
  'invoice', 'metric', 'retry', 'timeout', 'limit', 'offset', 'cursor', 'batch', 'report', 'filter', 'result',
];
const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];

class Gen {
  constructor(readonly rng: Rng) {}
  int(n: number): number {
    return Math.floor(this.rng() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  hex(n: number): string {
    return this.chars('0123456789abcdef', n);
  }
  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`;
  }
  ident(): string {
    const a = this.pick(WORDS);
    const b = this.pick(WORDS);
    return a + b[0].toUpperCase() + b.slice(1);
  }
  sentence(n: number): string {
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(this.pick(WORDS));
    return w.join(' ');
  }
  /** ISO timestamp in May 2025, monotonic enough for logs. */
  iso(i: number): string {
    const ms = Date.UTC(2025, 4, 1) + i * 137 + this.int(100);
    return new Date(ms).toISOString();
  }
}

function sourceFile(g: Gen, lines: number): string {
  const out = [
    `import { ${g.ident()}, type ${g.ident()} } from '@acme/${g.pick(WORDS)}';`,
    `import type { Request } from '@types/express';`,
    `// version 2.${g.int(20)}.${g.int(50)} — commit ${g.hex(40)}`,
    '',
    `@Component({ selector: 'app-${g.pick(WORDS)}', styles: ['.x { color: #a1b2c3; background: #fff; }'] })`,
  ];
  for (let i = out.length; i < lines; i++) {
    const k = g.int(10);
    const id = g.ident();
    if (k === 0) out.push(`export async function ${id}(req: Request, limit = ${g.int(500)}): Promise<number> {`);
    else if (k === 1) out.push(`  const ${id} = await this.${g.ident()}.get('${g.uuid()}', { timeout: ${g.int(30000)} });`);
    else if (k === 2) out.push(`  if (${id}.length > ${g.int(1000)} && ratio < 0.${g.int(999)}) return ${g.int(99)};`);
    else if (k === 3) out.push(`  // TODO(${g.pick(WORDS)}): ${g.sentence(8)}`);
    else if (k === 4) out.push(`  const url = \`http://localhost:${3000 + g.int(6000)}/api/v1/${g.pick(WORDS)}/\${id}\`;`);
    else if (k === 5) out.push(`  expect(${id}).toEqual({ id: ${g.int(99999)}, sha: '${g.hex(64)}', at: ${1746057600000 + g.int(1e9)} });`);
    else if (k === 6) out.push(`  ${id}.set('${g.pick(WORDS)}', Buffer.from('${g.chars(B64, 24 + g.int(40))}', 'base64'));`);
    else if (k === 7) out.push('}');
    else out.push(`  logger.debug({ ${g.pick(WORDS)}: ${id}, elapsedMs: ${g.int(5000) / 10} }, '${g.sentence(4)}');`);
  }
  return out.map((l, i) => `${String(i + 1).padStart(6)}\t${l}`).join('\n');
}

function testOutput(g: Gen, lines: number): string {
  const out: string[] = [`> acme@1.${g.int(9)}.${g.int(20)} test`, '> node --test', ''];
  for (let i = 0; i < lines; i++) {
    const k = g.int(6);
    if (k === 0) out.push(`✔ ${g.sentence(5)} (${(g.rng() * 90).toFixed(6)}ms)`);
    else if (k === 1) out.push(`    at ${g.ident()} (/home/dev/acme/src/${g.pick(WORDS)}.ts:${g.int(400)}:${g.int(80)})`);
    else if (k === 2) out.push(`[${g.iso(i)}] GET /api/v1/${g.pick(WORDS)}s/${g.int(1e6)} 200 ${g.int(900)}ms req=${g.uuid()}`);
    else if (k === 3) out.push(`commit ${g.hex(40)}\nDate:   Thu May ${1 + g.int(28)} 1${g.int(9)}:${10 + g.int(49)}:0${g.int(9)} 2025 +0200`);
    else if (k === 4) out.push(`  listening on localhost:${8000 + g.int(999)} pid=${g.int(99999)} mem=${(g.rng() * 512).toFixed(1)}MB`);
    else out.push(`ℹ ${g.pick(WORDS)} ${g.int(100)} of ${g.int(1000)} in ${g.int(60)}.${g.int(999)}s (${g.int(1e9)} bytes)`);
  }
  return out.join('\n');
}

function toolDefinitions(g: Gen): unknown[] {
  const names = ['Bash', 'Read', 'Edit', 'Write', 'Glob', 'Grep', 'TodoWrite', 'WebFetch', 'WebSearch', 'Task', 'NotebookEdit', 'MultiEdit', 'LS', 'ExitPlanMode'];
  return names.map((name) => ({
    name,
    description: `${name}: ${g.sentence(40)}.\n\nUsage notes:\n${Array.from({ length: 12 }, () => `- ${g.sentence(18)}`).join('\n')}`,
    input_schema: {
      type: 'object',
      properties: Object.fromEntries(
        Array.from({ length: 4 }, () => [g.pick(WORDS) + '_' + g.pick(WORDS), { type: g.pick(['string', 'number', 'boolean']), description: g.sentence(14) }]),
      ),
      required: [],
      additionalProperties: false,
      $schema: 'http://json-schema.org/draft-07/schema#',
    },
  }));
}

function secretsFor(g: Gen): Record<string, Planted> {
  const b64url = BASE62 + '-_';
  const jwtPart = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return {
    awsKey: { kind: 'AWS_KEY', value: 'AKIA' + g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16) },
    awsSecret: { kind: 'AWS_SECRET', value: g.chars(BASE62, 18) + '/' + g.chars(BASE62, 12) + '+' + g.chars(BASE62, 8) },
    github: { kind: 'GITHUB_TOKEN', value: 'ghp_' + g.chars(BASE62, 36) },
    openai: { kind: 'OPENAI_KEY', value: 'sk-proj-' + g.chars(b64url, 40) + 'T3BlbkFJ' + g.chars(b64url, 40) },
    anthropic: { kind: 'ANTHROPIC_KEY', value: 'sk-ant-api03-' + g.chars(b64url, 93) + 'AA' },
    stripe: { kind: 'STRIPE_KEY', value: 'sk_live_' + g.chars(BASE62, 24) },
    jwt: { kind: 'JWT', value: `${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart({ sub: g.uuid(), iat: 1746057600 })}.${g.chars(b64url, 43)}` },
    dbPassword: { kind: 'PASSWORD', value: g.chars(BASE62, 10) + '!' + g.chars(BASE62, 5) },
    email: { kind: 'EMAIL', value: 'maria.keller@northwind-logistics.de' },
    phone: { kind: 'PHONE', value: '+44 20 7946 0958' },
    card: { kind: 'CARD', value: '4111 1111 1111 1111' },
    iban: { kind: 'IBAN', value: 'DE89 3704 0044 0532 0130 00' },
    ip: { kind: 'IP', value: '203.0.113.42' },
  };
}

/** A ~256 KB Anthropic Messages request as Claude Code sends it, mid-session. */
export function claudeCodeRequest(targetBytes = 256 * 1024, seed = 1): Payload {
  const g = new Gen(mulberry32(seed));
  const s = secretsFor(g);
  const env = [
    `AWS_ACCESS_KEY_ID=${s.awsKey.value}`,
    `AWS_SECRET_ACCESS_KEY=${s.awsSecret.value}`,
    `DATABASE_URL=postgres://app:${s.dbPassword.value}@db.prod.internal:5432/orders`,
    `STRIPE_SECRET_KEY=${s.stripe.value}`,
    `GITHUB_TOKEN=${s.github.value}`,
    'NODE_ENV=production',
    'PORT=8080',
  ].join('\n');
  const plantedTurns: [string, string][] = [
    [`Can you read .env and check why the deploy fails?`, `     1\t${env.split('\n').join('\n     2\t')}`],
    [`The customer ${s.email.value} (phone ${s.phone.value}) reported it.`, testOutput(g, 40)],
    [`Use this key for the smoke test: OPENAI_API_KEY=${s.openai.value}`, `curl -H "Authorization: Bearer ${s.jwt.value}" https://api.acme.dev/v1/orders\n{"ok":true}`],
    [`Fixture card ${s.card.value}, payout IBAN ${s.iban.value}, from ${s.ip.value}.`, `anthropic: ${s.anthropic.value}`],
  ];
  const messages: unknown[] = [];
  const body = {
    model: 'claude-sonnet-4-5-20250929',
    max_tokens: 32000,
    stream: true,
    system: [
      { type: 'text', text: 'You are Claude Code, an interactive CLI tool that helps users with software engineering tasks.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: Array.from({ length: 60 }, () => g.sentence(22)).join('\n') + `\n<env>\nWorking directory: /home/dev/acme\nPlatform: linux\nToday's date: 2025-05-01\n</env>` },
    ],
    tools: toolDefinitions(g),
    messages,
  };
  let turn = 0;
  while (JSON.stringify(body).length < targetBytes) {
    const id = `toolu_01${g.chars(BASE62, 22)}`;
    const planted = turn % 6 === 3 ? plantedTurns[(turn / 6) | 0] : undefined;
    const ask = planted?.[0] ?? `Now ${g.sentence(12)}; keep tests green.`;
    const result = planted?.[1] ?? (turn % 2 === 0 ? sourceFile(g, 60 + g.int(80)) : testOutput(g, 40 + g.int(60)));
    messages.push({ role: 'user', content: [{ type: 'text', text: ask }] });
    messages.push({
      role: 'assistant',
      content: [
        { type: 'text', text: `I'll ${g.sentence(10)}.` },
        { type: 'tool_use', id, name: turn % 2 === 0 ? 'Read' : 'Bash', input: turn % 2 === 0 ? { file_path: `/home/dev/acme/src/${g.pick(WORDS)}.ts` } : { command: 'npm test 2>&1 | tail -80', timeout: 120000 } },
      ],
    });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: result }] });
    turn++;
  }
  const used = plantedTurns.slice(0, Math.ceil((turn - 3) / 6));
  const planted = Object.values(s).filter((p) => used.some(([a, b]) => a.includes(p.value) || b.includes(p.value)));
  const json = JSON.stringify(body);
  return { name: `claude-code-request-${Math.round(json.length / 1024)}KB`, body: json, texts: stringsOf(body), planted };
}

/** A ~1 MB log dump of a web service: access logs, JSON logs, stack traces, SQL. */
export function logDump(targetBytes = 1024 * 1024, seed = 2): Payload {
  const g = new Gen(mulberry32(seed));
  const s = secretsFor(g);
  const special = [
    `${g.iso(1)} WARN  billing  charge failed for ${s.email.value} card=${s.card.value} reason=do_not_honor`,
    `${g.iso(2)} DEBUG auth     outgoing headers {"authorization":"Bearer ${s.jwt.value}"}`,
    `${g.iso(3)} ERROR boot     could not assume role with key ${s.awsKey.value}: AccessDenied`,
    `${g.iso(4)} INFO  support  callback requested by ${s.phone.value}`,
  ];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const k = g.int(10);
    let line: string;
    if (i > 0 && i % 1500 === 0 && special.length > 0) line = special.shift() as string;
    else if (k < 3) line = `10.${g.int(255)}.${g.int(255)}.${1 + g.int(254)} - - [01/May/2025:12:${10 + g.int(49)}:${10 + g.int(49)} +0000] "GET /api/v1/${g.pick(WORDS)}s/${g.int(1e6)}?page=${g.int(50)} HTTP/1.1" ${g.pick([200, 200, 304, 404, 500])} ${g.int(90000)} "-" "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0.${g.int(9999)}.${g.int(200)}"`;
    else if (k < 6) line = JSON.stringify({ ts: g.iso(i), level: g.pick(LEVELS).toLowerCase(), msg: g.sentence(6), req_id: g.uuid(), duration_ms: g.int(20000) / 10, user_id: g.int(1e7), trace: g.hex(32) });
    else if (k < 8) line = `${g.iso(i)} ${g.pick(LEVELS).padEnd(5)} ${g.pick(WORDS).padEnd(8)} ${g.sentence(8)} id=${g.int(1e9)} took=${g.int(999)}ms`;
    else if (k < 9) line = `    at ${g.ident()}.${g.ident()} (/srv/app/dist/${g.pick(WORDS)}.js:${g.int(2000)}:${g.int(120)})`;
    else line = `${g.iso(i)} DEBUG sql      SELECT id, total FROM orders WHERE customer_id = ${g.int(1e6)} AND created_at > '2025-04-${10 + g.int(18)}' LIMIT ${g.int(500)} -- ${g.int(90)}.${g.int(999)}ms`;
    lines.push(line);
    size += line.length + 1;
  }
  const text = lines.join('\n');
  const planted = [s.email, s.card, s.jwt, s.awsKey, s.phone].filter((p) => text.includes(p.value));
  return { name: `log-dump-${Math.round(text.length / 1024)}KB`, body: text, texts: [text], planted };
}

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}
