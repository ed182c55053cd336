/**
 * Path classes the response guards care about: whole-system or whole-home targets, raw block devices,
 * and credential files. Home is written many ways (`~`, `$HOME`, `${HOME}`, `/home/me`, `/Users/me`,
 * `/root`); all become `~` first. A quoted `'~'` is a literal directory named "~", not home, which is
 * why callers pass whether the tilde was quoted.
 */

const HOME_PREFIX = /^(?:\$\{HOME\}|\$HOME|\/home\/[^/]{1,64}|\/Users\/[^/]{1,64}|\/root)(?=\/|$)/;
const TOP_LEVEL_SYSTEM = new Set([
  '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib32', '/lib64', '/opt', '/proc', '/root', '/sbin', '/srv',
  '/sys', '/usr', '/var', '/Users', '/System', '/Library', '/Applications', '/private', '/Volumes',
]);
const DEVICE = /^\/dev\/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|disk\d|rdisk\d|md\d|dm-\d|mapper\/|loop\d)/;
const SLASHES = /\/{2,64}/g;
const TRAILING = /\/(?:\*|\.)?$/;

/** `text` as written after quote removal; `tildeQuoted` when a leading `~` was inside quotes. */
export function normalizeHome(text: string, tildeQuoted = false): string {
  if (!tildeQuoted && (text === '~' || text.startsWith('~/'))) return text;
  if (text.startsWith('~')) return `./${text}`;
  return text.replace(HOME_PREFIX, '~');
}

/** Drops trailing `/`, `/.`, `/*` and doubled slashes: `/usr/*` → `/usr`, `//` → `` (root). */
function trimTail(path: string): string {
  let p = path.replace(SLASHES, '/');
  for (let i = 0; i < 8; i++) {
    const next = p.replace(TRAILING, '');
    if (next === p) break;
    p = next;
  }
  return p;
}

/** The root, a top-level system directory, or a whole home directory (anyone's: /home/x becomes ~). */
export function isCriticalTarget(text: string, tildeQuoted = false): boolean {
  const home = normalizeHome(text, tildeQuoted);
  const p = trimTail(home);
  if (p === '' && home.startsWith('/')) return true;
  if (p === '~' || p === '/*') return true;
  return TOP_LEVEL_SYSTEM.has(p);
}

export const isBlockDevice = (path: string): boolean => DEVICE.test(path);

const SSH_PUBLIC_OR_HARMLESS = /(?:\.pub|\/config|\/known_hosts(?:\.old)?|\/authorized_keys2?|\/environment|\/rc)$/;
const CREDENTIAL_FILES: readonly RegExp[] = [
  /(?:^|\/)\.ssh\/(?:id_[^/]{0,64}|[^/]{1,128}\.(?:pem|key)|[^/]{0,64}_(?:rsa|dsa|ecdsa|ed25519)[^/]{0,32}|\*)$/,
  /(?:^|\/)\.aws\/credentials$/,
  /(?:^|\/)\.kube\/config$/,
  /(?:^|\/)[._]netrc$/,
  /(?:^|\/)\.docker\/config\.json$/,
  /(?:^|\/)\.git-credentials$/,
  /(?:^|\/)\.pgpass$/,
  /(?:^|\/)\.azure\/(?:accessTokens\.json|msal_token_cache\.(?:json|bin))$/,
  /^\/etc\/(?:g?shadow|master\.passwd)-?$/,
];
/** Everything gcloud keeps under ~/.config/gcloud/ is a credential or token cache, except these. */
const GCLOUD = /(?:^|\/)\.config\/gcloud\//;
const GCLOUD_HARMLESS = /^(?:configurations|logs)\//;
const CREDENTIAL_DIRS = /(?:^|\/)(?:\.ssh|\.aws|\.kube|\.docker|\.azure|\.gnupg|\.config\/gcloud)$/;

/** A file whose contents are a credential: private keys, cloud and registry credentials, shadow. */
export function isCredentialFile(text: string, tildeQuoted = false): boolean {
  const p = normalizeHome(text, tildeQuoted);
  if (p.includes('/.ssh/') && SSH_PUBLIC_OR_HARMLESS.test(p)) return false;
  const gcloud = GCLOUD.exec(p);
  if (gcloud !== null) {
    const rest = p.slice(gcloud.index + gcloud[0].length);
    return rest !== '' && !GCLOUD_HARMLESS.test(rest);
  }
  return CREDENTIAL_FILES.some((re) => re.test(p));
}

/** A directory holding credentials, as a whole (what `cp -r`, `tar` or `scp -r` would carry off). */
export function isCredentialDir(text: string, tildeQuoted = false): boolean {
  return CREDENTIAL_DIRS.test(trimTail(normalizeHome(text, tildeQuoted)));
}

export const PATH_PATTERNS: readonly RegExp[] = [HOME_PREFIX, DEVICE, SLASHES, TRAILING, SSH_PUBLIC_OR_HARMLESS, ...CREDENTIAL_FILES, GCLOUD, GCLOUD_HARMLESS, CREDENTIAL_DIRS];
