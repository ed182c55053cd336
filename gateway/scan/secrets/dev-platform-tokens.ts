import { ALNUM, BASE64, BASE64URL, DIGIT, DOT, EQUALS, HEX, LOWER, UPPER, WORD, is } from '../chars.js';
import type { TokenPrefix } from '../prefix-index.js';
import { distinctChars, lettersAndDigits, lowerHex, mixedCaseAndDigits, prefixedToken } from './prefixed-token.js';

// Developer platforms whose tokens carry a documented prefix (vendor docs, and gitleaks' rule list
// for formats). All are found by the scanner's shared prefix pass: adding one costs no extra search.

const each = (prefixes: string[], shape: Omit<TokenPrefix, 'prefix'>): TokenPrefix[] => prefixes.map((prefix) => ({ prefix, ...shape }));
const random = (b: string) => distinctChars(b) >= 10 && lettersAndDigits(b);
const has = (b: string, mask: number) => {
  for (let i = 0; i < b.length; i++) if (is(b.charCodeAt(i), mask)) return true;
  return false;
};
const leadingDigits = (b: string, n: number) => {
  for (let i = 0; i < n; i++) if (!is(b.charCodeAt(i), DIGIT)) return false;
  return true;
};

export const gitlabToken = prefixedToken({
  id: 'gitlab-token',
  kind: 'GITLAB_TOKEN',
  anchor: '`glpat-` `gldt-` `glptt-` `glrt-` `glcbt-` `glft-` `glimt-` `glagent-` `gloas-` `glsoat-` `glffct-` + 20–300 base64url chars (routable tokens: the `.`-separated CRC suffix stays visible)',
  prefixes: each(['glpat-', 'gldt-', 'glptt-', 'glrt-', 'glcbt-', 'glft-', 'glimt-', 'glagent-', 'gloas-', 'glsoat-', 'glffct-'], { body: BASE64URL, min: 20, max: 300, validate: random }),
});

export const npmToken = prefixedToken({
  id: 'npm-token',
  kind: 'NPM_TOKEN',
  anchor: '`npm_` + 36 alphanumerics',
  prefixes: [{ prefix: 'npm_', body: ALNUM, min: 36, max: 36, validate: random }],
});

// Upload tokens are macaroons whose first bytes always encode the issuing index's domain.
const PYPI_BODIES = ['AgEIcHlwaS5vcmc', 'AgENdGVzdC5weXBpLm9yZw'];
export const pypiToken = prefixedToken({
  id: 'pypi-token',
  kind: 'PYPI_TOKEN',
  anchor: '`pypi-AgEIcHlwaS5vcmc` (pypi.org) or `pypi-AgENdGVzdC5weXBpLm9yZw` (test.pypi.org) + 50–1000 base64url chars',
  prefixes: [{ prefix: 'pypi-', body: BASE64URL, min: 65, max: 1100, validate: (b) => PYPI_BODIES.some((p) => b.startsWith(p)) }],
});

export const dockerToken = prefixedToken({
  id: 'docker-token',
  kind: 'DOCKER_TOKEN',
  anchor: '`dckr_pat_`/`dckr_oat_` + 27–64 base64url chars',
  prefixes: each(['dckr_pat_', 'dckr_oat_'], { body: BASE64URL, min: 27, max: 64, validate: random }),
});

export const huggingfaceToken = prefixedToken({
  id: 'huggingface-token',
  kind: 'HUGGINGFACE_TOKEN',
  anchor: '`hf_` (user) / `api_org_` (organisation) + 34 letters of both cases',
  prefixes: each(['hf_', 'api_org_'], { body: ALNUM, min: 34, max: 34, validate: (b) => distinctChars(b) >= 12 && has(b, LOWER) && has(b, UPPER) }),
});

export const linearKey = prefixedToken({
  id: 'linear-key',
  kind: 'LINEAR_KEY',
  anchor: '`lin_api_` + 40 alphanumerics',
  prefixes: [{ prefix: 'lin_api_', body: ALNUM, min: 40, max: 40, validate: random }],
});

export const sentryToken = prefixedToken({
  id: 'sentry-token',
  kind: 'SENTRY_TOKEN',
  anchor: '`sntrys_eyJ…` organisation tokens (base64 JSON + `_` + signature), `sntryu_` + 64 lowercase hex',
  prefixes: [
    { prefix: 'sntrys_', body: BASE64 | WORD | EQUALS, min: 80, max: 1000, validate: (b) => b.startsWith('eyJ') && distinctChars(b) >= 20 },
    { prefix: 'sntryu_', body: HEX, min: 64, max: 64, validate: lowerHex },
  ],
});

export const grafanaToken = prefixedToken({
  id: 'grafana-token',
  kind: 'GRAFANA_TOKEN',
  anchor: '`glc_` + 32–400 base64 chars (cloud), `glsa_` + 32 alphanumerics `_` 8 hex (service account)',
  prefixes: [
    { prefix: 'glc_', body: BASE64, min: 32, max: 400, validate: random },
    { prefix: 'glsa_', body: WORD, min: 41, max: 41, validate: (b) => b[32] === '_' && random(b.slice(0, 32)) },
  ],
});

export const postmanKey = prefixedToken({
  id: 'postman-key',
  kind: 'POSTMAN_KEY',
  anchor: '`PMAK-` + 24 hex `-` 34 hex',
  prefixes: [{ prefix: 'PMAK-', body: BASE64URL, min: 59, max: 59, validate: (b) => b[24] === '-' && lowerHex(b.slice(0, 24) + b.slice(25)) }],
});

export const newRelicKey = prefixedToken({
  id: 'newrelic-key',
  kind: 'NEWRELIC_KEY',
  anchor: '`NRAK-` + 27 (user key), `NRJS-` + 19 hex (browser), `NRII-` + 32 (insert key)',
  prefixes: [
    { prefix: 'NRAK-', body: UPPER | DIGIT, min: 27, max: 27, validate: random },
    { prefix: 'NRJS-', body: HEX, min: 19, max: 19, validate: lowerHex },
    { prefix: 'NRII-', body: BASE64URL, min: 32, max: 32, validate: random },
  ],
});

export const herokuKey = prefixedToken({
  id: 'heroku-key',
  kind: 'HEROKU_KEY',
  anchor: '`HRKU-AA` + 58 base64url chars',
  prefixes: [{ prefix: 'HRKU-', body: BASE64URL, min: 60, max: 60, validate: (b) => b.startsWith('AA') && random(b) }],
});

export const digitalOceanToken = prefixedToken({
  id: 'digitalocean-token',
  kind: 'DIGITALOCEAN_TOKEN',
  anchor: '`dop_v1_` / `doo_v1_` / `dor_v1_` + 64 lowercase hex',
  prefixes: each(['dop_v1_', 'doo_v1_', 'dor_v1_'], { body: HEX, min: 64, max: 64, validate: lowerHex }),
});

export const vaultToken = prefixedToken({
  id: 'vault-token',
  kind: 'VAULT_TOKEN',
  anchor: '`hvs.` + 90–120 (service) / `hvb.` + 138–300 (batch) base64url chars',
  prefixes: [
    { prefix: 'hvs.', body: BASE64URL, min: 90, max: 120, validate: random },
    { prefix: 'hvb.', body: BASE64URL, min: 138, max: 300, validate: random },
  ],
});

export const atlassianToken = prefixedToken({
  id: 'atlassian-token',
  kind: 'ATLASSIAN_TOKEN',
  anchor: '`ATATT3` + 180–200 base64url/`=` chars (Jira, Confluence API tokens)',
  minLength: 186,
  requires: 0,
  shapes: [{ search: 'ATATT3', body: BASE64URL, min: 176, max: 200, validate: random }],
});

export const notionToken = prefixedToken({
  id: 'notion-token',
  kind: 'NOTION_TOKEN',
  anchor: '`ntn_` + 46 alphanumerics (11 digits first); legacy `secret_` + 43 alphanumerics mixing digits and both cases',
  prefixes: [
    { prefix: 'ntn_', body: ALNUM, min: 46, max: 46, validate: (b) => leadingDigits(b, 11) && random(b) },
    { prefix: 'secret_', body: ALNUM, min: 43, max: 43, validate: mixedCaseAndDigits },
  ],
});

export const figmaToken = prefixedToken({
  id: 'figma-token',
  kind: 'FIGMA_TOKEN',
  anchor: '`figd_` + 40–100 base64url chars',
  prefixes: [{ prefix: 'figd_', body: BASE64URL, min: 40, max: 100, validate: random }],
});

export const supabaseToken = prefixedToken({
  id: 'supabase-token',
  kind: 'SUPABASE_TOKEN',
  anchor: '`sbp_` + 40 lowercase hex (personal access token)',
  prefixes: [{ prefix: 'sbp_', body: HEX, min: 40, max: 40, validate: lowerHex }],
});

export const planetScaleToken = prefixedToken({
  id: 'planetscale-token',
  kind: 'PLANETSCALE_TOKEN',
  anchor: '`pscale_tkn_` / `pscale_pw_` / `pscale_oauth_` + 32–64 base64url chars',
  prefixes: each(['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'], { body: BASE64URL | DOT, min: 32, max: 64, validate: random }),
});

export const flyToken = prefixedToken({
  id: 'fly-token',
  kind: 'FLY_TOKEN',
  anchor: '`fo1_` + 43 base64url chars; `fm1r_`/`fm1a_`/`fm2_` macaroons + 100+ base64 chars',
  prefixes: [
    { prefix: 'fo1_', body: BASE64URL, min: 43, max: 43, validate: random },
    ...each(['fm1r_', 'fm1a_', 'fm2_'], { body: BASE64, min: 100, max: 4096, validate: random }),
  ],
});

export const pulumiToken = prefixedToken({
  id: 'pulumi-token',
  kind: 'PULUMI_TOKEN',
  anchor: '`pul-` + 40 lowercase hex',
  prefixes: [{ prefix: 'pul-', body: HEX, min: 40, max: 40, validate: lowerHex }],
});

export const prefectToken = prefixedToken({
  id: 'prefect-token',
  kind: 'PREFECT_TOKEN',
  anchor: '`pnu_` + 36 alphanumerics',
  prefixes: [{ prefix: 'pnu_', body: ALNUM, min: 36, max: 36, validate: random }],
});

export const rubygemsToken = prefixedToken({
  id: 'rubygems-token',
  kind: 'RUBYGEMS_TOKEN',
  anchor: '`rubygems_` + 48 lowercase hex',
  prefixes: [{ prefix: 'rubygems_', body: HEX, min: 48, max: 48, validate: lowerHex }],
});

export const onePasswordToken = prefixedToken({
  id: 'onepassword-token',
  kind: 'ONEPASSWORD_TOKEN',
  anchor: '`ops_eyJ` + 250+ base64 chars (service account token)',
  prefixes: [{ prefix: 'ops_', body: BASE64, min: 250, max: 8192, validate: (b) => b.startsWith('eyJ') && random(b) }],
});
