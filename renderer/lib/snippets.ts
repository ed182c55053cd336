/**
 * "Connect a tool" snippets, filled with the gateway's real URL and a client key. With a managed
 * provider key the tool's API key *is* the client key (the gateway injects the real one); in
 * passthrough the tool keeps its own provider key and sends the client key as `x-aegis-key`,
 * which names it in the audit log (and is required when `auth.requireClientKey` is on).
 */
export interface SnippetContext {
  /** The listening URL, e.g. http://127.0.0.1:18080 (no trailing slash). */
  baseUrl: string;
  /** The client key the snippets use: its value when known (created in this window), else a hint. */
  key: { value?: string; hint: string } | undefined;
  openaiManaged: boolean;
  anthropicManaged: boolean;
  requireClientKey: boolean;
}

export interface Snippet {
  id: string;
  title: string;
  /** The app name the gateway gives this tool's requests (see gateway/boundary/app-identity.ts). */
  app: string;
  lang: 'sh' | 'toml' | 'python' | 'js' | 'text';
  code: string;
  note?: string;
}

const trim = (url: string) => url.replace(/\/+$/, '');

export function snippets(ctx: SnippetContext): Snippet[] {
  const base = trim(ctx.baseUrl);
  const key = ctx.key?.value ?? ctx.key?.hint ?? '<client key>';
  const sendKey = ctx.key !== undefined || ctx.requireClientKey;
  const oaiKey = ctx.openaiManaged ? key : undefined;
  const antKey = ctx.anthropicManaged ? key : undefined;
  const oaiHeader = !ctx.openaiManaged && sendKey;
  const antHeader = !ctx.anthropicManaged && sendKey;
  const py = (s: string | undefined, env: string) => (s ? `"${s}"` : `os.environ["${env}"]`);
  const js = (s: string | undefined, env: string) => (s ? `'${s}'` : `process.env.${env}`);
  const curlAuth = oaiKey ? `-H "Authorization: Bearer ${oaiKey}"` : '-H "Authorization: Bearer $OPENAI_API_KEY"';

  return [
    {
      id: 'claude-code', title: 'Claude Code', lang: 'sh', app: 'claude-code',
      code: [
        `export ANTHROPIC_BASE_URL=${base}`,
        antKey ? `export ANTHROPIC_API_KEY=${antKey}` : undefined,
        antHeader ? `export ANTHROPIC_CUSTOM_HEADERS="x-aegis-key: ${key}"` : undefined,
        'claude',
      ].filter(Boolean).join('\n'),
      note: antKey ? 'The gateway adds your real Anthropic key; Claude Code only ever sees the client key.' : 'Claude Code keeps using your own Anthropic login or key.',
    },
    {
      id: 'codex', title: 'Codex CLI', lang: 'toml', app: 'codex',
      code: [
        '# ~/.codex/config.toml',
        'model_provider = "aegisgate"',
        '',
        '[model_providers.aegisgate]',
        'name = "AegisGate"',
        `base_url = "${base}/v1"`,
        oaiKey ? 'env_key = "AEGISGATE_KEY"  # export AEGISGATE_KEY=' + oaiKey : 'env_key = "OPENAI_API_KEY"',
        'wire_api = "responses"',
        oaiHeader ? `http_headers = { "x-aegis-key" = "${key}" }` : undefined,
      ].filter((l) => l !== undefined).join('\n'),
      note: 'Use this provider: Codex ignores OPENAI_BASE_URL, so that variable alone sends its traffic straight to OpenAI, around the gateway. Through its built-in provider (openai_base_url) Codex first tries a WebSocket, which the gateway refuses (426) before Codex switches to HTTP.',
    },
    {
      id: 'cursor', title: 'Cursor', lang: 'text', app: 'cursor',
      code: [
        'Settings → Models → API Keys',
        `  Override OpenAI Base URL:  ${base}/v1`,
        `  OpenAI API Key:            ${oaiKey ?? 'your own OpenAI key'}`,
      ].join('\n'),
      note:
        'Cursor sends some model traffic from its own servers, which cannot reach this machine; only requests Cursor makes locally pass through the gateway.' +
        (oaiHeader && ctx.requireClientKey ? ' Cursor cannot send extra headers: set a managed OpenAI key so the client key can go in the API key field.' : ''),
    },
    {
      id: 'openai-python', title: 'OpenAI SDK · Python', lang: 'python', app: 'openai-sdk',
      code: [
        ...(oaiKey ? [] : ['import os']),
        'from openai import OpenAI',
        '',
        'client = OpenAI(',
        `    base_url="${base}/v1",`,
        `    api_key=${py(oaiKey, 'OPENAI_API_KEY')},`,
        ...(oaiHeader ? [`    default_headers={"x-aegis-key": "${key}"},`] : []),
        ')',
      ].join('\n'),
    },
    {
      id: 'openai-node', title: 'OpenAI SDK · Node', lang: 'js', app: 'openai-sdk',
      code: [
        "import OpenAI from 'openai';",
        '',
        'const client = new OpenAI({',
        `  baseURL: '${base}/v1',`,
        `  apiKey: ${js(oaiKey, 'OPENAI_API_KEY')},`,
        ...(oaiHeader ? [`  defaultHeaders: { 'x-aegis-key': '${key}' },`] : []),
        '});',
      ].join('\n'),
    },
    {
      id: 'anthropic', title: 'Anthropic SDK', lang: 'python', app: 'anthropic-sdk',
      code: [
        ...(antKey ? [] : ['import os']),
        'from anthropic import Anthropic',
        '',
        'client = Anthropic(',
        `    base_url="${base}",`,
        `    api_key=${py(antKey, 'ANTHROPIC_API_KEY')},`,
        ...(antHeader ? [`    default_headers={"x-aegis-key": "${key}"},`] : []),
        ')',
        '',
        `# Node: new Anthropic({ baseURL: '${base}'${antKey ? `, apiKey: '${antKey}'` : ''}${antHeader ? `, defaultHeaders: { 'x-aegis-key': '${key}' }` : ''} })`,
      ].join('\n'),
    },
    {
      id: 'curl', title: 'curl', lang: 'sh', app: 'curl',
      code: [
        `curl ${base}/v1/chat/completions \\`,
        `  ${curlAuth} \\`,
        ...(oaiHeader ? [`  -H "x-aegis-key: ${key}" \\`] : []),
        "  -H 'content-type: application/json' \\",
        `  -d '{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"Hello through AegisGate"}]}'`,
      ].join('\n'),
    },
  ];
}
