// The `agent` scenario: a scripted model that drives a real agent program through one tool round
// trip. `RUN: <command>` in the last user text → a call of the request's shell tool with that command
// (as the gateway forwarded it: placeholders in, never the values); a tool result as the last input →
// the text `tool said: <result>`; anything else → the usual echo. Pure: no I/O.
import { isObj, type Api } from './request-view.js';

export type AgentTurn = { kind: 'tool'; name: string; args: string } | { kind: 'text'; text: string };

type Obj = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Shell tools of the agents this scenario drives: Claude Code, Codex (old and new), generic SDK agents. */
const SHELL_TOOLS = ['Bash', 'exec_command', 'shell_command', 'shell', 'run_shell'];

/** Text of a tool result's content: a string, or text parts (Anthropic `text`, Responses `input_text`). */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  return list(content).map((p) => (isObj(p) && typeof p.text === 'string' ? p.text : '')).join('');
}

/** The last input, when it is a tool result: its text. */
function lastToolResult(api: Api, body: Obj): string | undefined {
  if (api === 'responses') {
    const last = list(body.input).at(-1);
    if (isObj(last) && (last.type === 'function_call_output' || last.type === 'custom_tool_call_output')) return resultText(last.output);
    return undefined;
  }
  const last = list(body.messages).at(-1);
  if (!isObj(last)) return undefined;
  if (api === 'chat') return last.role === 'tool' ? resultText(last.content) : undefined;
  const block = list(last.content).find((b) => isObj(b) && b.type === 'tool_result');
  return isObj(block) ? resultText(block.content) : undefined;
}

interface ToolSpec {
  name: string;
  schema: Obj;
}

function tools(api: Api, body: Obj): ToolSpec[] {
  const out: ToolSpec[] = [];
  for (const t of list(body.tools)) {
    if (!isObj(t)) continue;
    const fn = api === 'chat' && isObj(t.function) ? t.function : t;
    const schema = fn.input_schema ?? fn.parameters;
    if (typeof fn.name === 'string') out.push({ name: fn.name, schema: isObj(schema) ? schema : {} });
  }
  return out;
}

/** Arguments in the shape the tool's schema asks for: `command` as a string or an argv, or `cmd`. */
function shellArgs(schema: Obj, command: string): Obj {
  const props = isObj(schema.properties) ? schema.properties : {};
  const prop = (name: string) => (isObj(props[name]) ? props[name] : undefined);
  if (prop('command')?.type === 'array') return { command: ['bash', '-lc', command] };
  if (prop('cmd') !== undefined) return { cmd: command };
  return { command, description: 'Run the command the user asked for' };
}

/** What the scripted model says next, or undefined for the default echo. */
export function agentTurn(api: Api, json: unknown, lastUserText: string): AgentTurn | undefined {
  const body = isObj(json) ? json : {};
  const result = lastToolResult(api, body);
  if (result !== undefined) return { kind: 'text', text: `tool said: ${result.trim()}` };
  const run = /RUN: ([^\n]+)/.exec(lastUserText)?.[1]?.trim();
  if (run === undefined) return undefined;
  const available = tools(api, body);
  const shell = SHELL_TOOLS.map((n) => available.find((t) => t.name === n)).find(Boolean);
  if (shell === undefined) return { kind: 'text', text: `no shell tool offered to run: ${run}` };
  return { kind: 'tool', name: shell.name, args: JSON.stringify(shellArgs(shell.schema, run)) };
}
