/**
 * Shell-looking fenced code blocks in Markdown model output. Hand-written: a full CommonMark parser is
 * more than "find ``` fences and their info string" needs, and none is installed.
 */
export interface Block {
  /** Index of `text` inside the whole model text. */
  readonly offset: number;
  readonly text: string;
}

const OPEN = /^ {0,3}(`{3,64}|~{3,64})[ \t]{0,8}([^\s`]{0,32})/;
const CLOSE = /^ {0,3}(`{3,64}|~{3,64})[ \t]{0,8}$/;
const SCRIPT_LANGS = new Set(['', 'sh', 'bash', 'shell', 'zsh', 'ksh', 'fish', 'powershell', 'ps1', 'pwsh', 'ps', 'bat', 'cmd']);
const SESSION_LANGS = new Set(['console', 'terminal', 'shell-session', 'shellsession', 'sh-session', 'bash-session', 'shell_session']);
/** `$ cmd`, `% cmd`, `# cmd` (root), `PS> cmd`, `user@host:~$ cmd`. */
const PROMPT = /^[ \t]{0,8}(?:[\w.-]{1,64}@[\w.-]{1,64}(?::[^\s$#]{0,256})?[$#]|PS[^>\n]{0,256}>|[$%#])[ \t]/;
const MAX_BLOCKS = 64;

interface Line {
  readonly start: number;
  readonly text: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    out.push({ start, text: text.slice(start, end) });
    start = end + 1;
  }
  return out;
}

export function shellBlocks(text: string): Block[] {
  if (!text.includes('```') && !text.includes('~~~')) return [];
  const all = lines(text);
  const blocks: Block[] = [];
  for (let i = 0; i < all.length && blocks.length < MAX_BLOCKS; i++) {
    const open = OPEN.exec(all[i]!.text);
    // A backtick fence's info string cannot contain a backtick (that is inline code, not a fence).
    if (open === null || (open[1]![0] === '`' && all[i]!.text.includes('`', open[0].length))) continue;
    const fence = open[1]!;
    const lang = open[2]!.toLowerCase();
    let j = i + 1;
    for (; j < all.length; j++) {
      const close = CLOSE.exec(all[j]!.text);
      if (close !== null && close[1]![0] === fence[0] && close[1]!.length >= fence.length) break;
    }
    const body = all.slice(i + 1, j);
    if (SCRIPT_LANGS.has(lang) && body.length > 0) {
      const offset = body[0]!.start;
      const last = body[body.length - 1]!;
      blocks.push({ offset, text: text.slice(offset, last.start + last.text.length) });
    } else if (SESSION_LANGS.has(lang)) {
      for (const line of body) {
        const prompt = PROMPT.exec(line.text);
        if (prompt !== null) blocks.push({ offset: line.start + prompt[0].length, text: line.text.slice(prompt[0].length) });
      }
    }
    i = j;
  }
  return blocks;
}

export const TEXT_BLOCK_PATTERNS: readonly RegExp[] = [OPEN, CLOSE, PROMPT];
