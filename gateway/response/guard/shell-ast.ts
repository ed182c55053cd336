/**
 * The small shell syntax tree the response guards reason about. It keeps what decides danger (argv
 * after quote removal, redirections, heredoc bodies, nested substitutions and subshells) and drops the
 * rest. Offsets are UTF-16 indexes into the text that was parsed.
 */

export interface Word {
  /** The value after quote removal; `$VAR`, `${…}` and substitutions stay as written. */
  readonly text: string;
  /** The source slice, quotes included (tells `~` from `'~'`). */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  /** Command and process substitutions inside the word: `$(…)`, backticks, `<(…)`, `>(…)`. */
  readonly subs: readonly Script[];
}

export interface Redirect {
  /** `>`, `>>`, `<`, `<>`, `>&`, `<&`, `&>`, `&>>`, `>|`, `<<`, `<<-`, `<<<`. */
  readonly op: string;
  /** Explicit file descriptor before the operator (`2>`), when given. */
  readonly fd?: string;
  /** The file, fd, here-string or heredoc delimiter. */
  readonly target?: Word;
  /** For `<<` / `<<-`: the body lines, filled in when the parser reaches them. */
  heredoc?: string;
}

export interface SimpleCommand {
  readonly argv: readonly Word[];
  readonly redirects: readonly Redirect[];
  /** `( … )` or `{ …; }` standing where a command would. */
  readonly group?: Script;
  readonly start: number;
  readonly end: number;
}

/** Commands joined by `|` or `|&`. */
export interface Pipeline {
  readonly commands: readonly SimpleCommand[];
}

export interface Script {
  readonly pipelines: readonly Pipeline[];
}

export const EMPTY_SCRIPT: Script = { pipelines: [] };
