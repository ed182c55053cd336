/**
 * Pulls what the guards judge out of a completed tool call: the shell text it would run, the file
 * paths it would read, and every string it carries. Knows the common agent shapes: Claude Code
 * `Bash {command}` / `Read {file_path}` / `Grep {path}`, Codex `shell {command: ["bash","-lc",…]}` and
 * `apply_patch`, Cursor `run_terminal_cmd {command}` / `read_file {target_file}`, OpenAI `local_shell`
 * `{action: {command: [...]}}`, and MCP names like `mcp__fs__read_file`.
 */
export interface ToolCall {
  readonly name: string;
  /** JSON text, as providers send it; anything else is treated as one opaque string. */
  readonly arguments: string;
}

export type ToolKind = 'shell' | 'editor' | 'read' | 'search' | 'other';

export interface Located {
  /** JSON path of the value inside the arguments (`command`, `action.command`, `paths[1]`). */
  readonly path: string;
  readonly text: string;
}

export interface ToolCallParts {
  readonly kind: ToolKind;
  readonly commands: readonly Located[];
  readonly readPaths: readonly Located[];
  readonly strings: readonly Located[];
}

const EDITORS = new Set([
  'apply_patch', 'applypatch', 'edit', 'multiedit', 'multi_edit', 'write', 'notebookedit', 'notebook_edit', 'edit_notebook',
  'str_replace_editor', 'str_replace_based_edit_tool', 'create_file', 'write_file', 'edit_file', 'search_replace', 'replace',
  'insert', 'todowrite', 'todo_write', 'update_plan',
]);
const READERS = new Set([
  'read', 'read_file', 'readfile', 'view', 'view_file', 'open_file', 'cat', 'fs_read', 'file_read', 'get_file_contents',
  'read_many_files', 'read_text_file', 'read_multiple_files',
]);
const SEARCHERS = new Set(['grep', 'search', 'search_files', 'grep_search', 'find_in_files', 'ripgrep', 'rg']);
const SHELL_NAME = /^(?:bash|sh|zsh|shell|exec|exec_command|shell_command|run_terminal_cmd|run_command|execute_command|terminal|run_shell_command|local_shell|run|execute|cmd|command|powershell|run_in_terminal)$|shell|bash|terminal|command|exec/;
const COMMAND_KEYS = new Set(['command', 'cmd', 'script', 'commands']);
const PATH_KEYS = new Set(['file_path', 'path', 'target_file', 'filename', 'file', 'absolute_path', 'relative_path', 'uri', 'paths', 'file_paths', 'directory']);
const MAX_STRINGS = 10_000;
const MAX_DEPTH = 16;
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]{1,4096}$/;
const SINGLE_QUOTE = /'/g;
const NAMESPACE_SEPARATOR = /__|[./:]/;

/** `mcp__server__read_file`, `functions.shell`, `fs/read` → the tool's own name, lower-cased. */
export function toolKind(name: string): ToolKind {
  const bare = name.toLowerCase().split(NAMESPACE_SEPARATOR).pop() ?? '';
  if (EDITORS.has(bare)) return 'editor';
  if (READERS.has(bare)) return 'read';
  if (SEARCHERS.has(bare)) return 'search';
  return SHELL_NAME.test(bare) ? 'shell' : 'other';
}

const shellQuote = (s: string): string => (SAFE_WORD.test(s) ? s : `'${s.replace(SINGLE_QUOTE, `'\\''`)}'`);

/** argv arrays become shell text; Codex runs `["apply_patch", patch]` as argv, which is an edit, not a command. */
function commandText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) return undefined;
  const argv = value as string[];
  const program = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1);
  return program === 'apply_patch' || program === 'applypatch' ? undefined : argv.map(shellQuote).join(' ');
}

function parseArguments(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function toolCallParts(call: ToolCall): ToolCallParts {
  const kind = toolKind(call.name);
  const parsed = parseArguments(call.arguments);
  if (!parsed.ok) {
    const whole = { path: '', text: call.arguments };
    return { kind, commands: kind === 'shell' ? [whole] : [], readPaths: [], strings: [whole] };
  }
  const commands: Located[] = [];
  const readPaths: Located[] = [];
  const strings: Located[] = [];
  const root = parsed.value;
  const viewCommand = kind === 'editor' && isRecord(root) && root['command'] === 'view';
  const readsPaths = kind === 'read' || kind === 'search' || viewCommand;

  const addCommand = (path: string, value: unknown): void => {
    const text = commandText(value);
    if (text !== undefined) commands.push({ path, text });
  };
  const walk = (value: unknown, path: string, key: string, depth: number): void => {
    if (depth > MAX_DEPTH || strings.length >= MAX_STRINGS) return;
    if (typeof value === 'string') {
      strings.push({ path, text: value });
      if (readsPaths && PATH_KEYS.has(key)) readPaths.push({ path, text: value });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`, key, depth + 1));
    } else if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) {
        const p = path === '' ? k : `${path}.${k}`;
        const isCommand = kind !== 'editor' && depth < 3 && (COMMAND_KEYS.has(k) || (kind === 'shell' && (k === 'input' || k === 'code')));
        if (isCommand && k === 'commands' && Array.isArray(v)) {
          v.forEach((c, i) => addCommand(`${p}[${i}]`, c));
        } else if (isCommand) {
          addCommand(p, v);
        }
        walk(v, p, k, depth + 1);
      }
    }
  };
  if (typeof root === 'string' && kind === 'shell') commands.push({ path: '', text: root });
  walk(root, '', '', 0);
  return { kind, commands, readPaths, strings };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const EXTRACT_PATTERNS: readonly RegExp[] = [SHELL_NAME, SAFE_WORD, SINGLE_QUOTE, NAMESPACE_SEPARATOR];
