import { ALNUM, HEX } from '../chars.js';
import { distinctChars, lettersAndDigits, lowerHex, mixedCaseAndDigits, prefixedToken } from './prefixed-token.js';

// LLM and inference providers besides OpenAI and Anthropic (vendor-tokens.ts): the keys people
// most often paste next to a prompt. Found by the scanner's shared prefix pass.

const random = (b: string) => distinctChars(b) >= 10 && lettersAndDigits(b);

export const groqKey = prefixedToken({
  id: 'groq-key',
  kind: 'GROQ_KEY',
  anchor: '`gsk_` + 52 alphanumerics',
  prefixes: [{ prefix: 'gsk_', body: ALNUM, min: 52, max: 52, validate: random }],
});

export const xaiKey = prefixedToken({
  id: 'xai-key',
  kind: 'XAI_KEY',
  anchor: '`xai-` + 80 alphanumerics',
  prefixes: [{ prefix: 'xai-', body: ALNUM, min: 80, max: 80, validate: mixedCaseAndDigits }],
});

export const perplexityKey = prefixedToken({
  id: 'perplexity-key',
  kind: 'PERPLEXITY_KEY',
  anchor: '`pplx-` + 48 alphanumerics',
  prefixes: [{ prefix: 'pplx-', body: ALNUM, min: 48, max: 48, validate: random }],
});

export const replicateToken = prefixedToken({
  id: 'replicate-token',
  kind: 'REPLICATE_TOKEN',
  anchor: '`r8_` + 37 alphanumerics',
  prefixes: [{ prefix: 'r8_', body: ALNUM, min: 37, max: 37, validate: random }],
});

export const openrouterKey = prefixedToken({
  id: 'openrouter-key',
  kind: 'OPENROUTER_KEY',
  anchor: '`sk-or-v1-` + 64 lowercase hex',
  prefixes: [{ prefix: 'sk-or-v1-', body: HEX, min: 64, max: 64, validate: lowerHex }],
});

// DeepSeek (and several OpenAI-compatible hosts) issue `sk-` + 32 lowercase hex; openai-key wants
// mixed case, so these would otherwise pass.
export const deepseekKey = prefixedToken({
  id: 'deepseek-key',
  kind: 'DEEPSEEK_KEY',
  anchor: '`sk-` + exactly 32 lowercase hex (DeepSeek and other OpenAI-compatible hosts)',
  prefixes: [{ prefix: 'sk-', body: HEX, min: 32, max: 32, validate: lowerHex }],
});
