/**
 * Prompt-injection phrasings and fake chat/tool syntax, compiled once. Every quantifier is bounded and
 * alternations are plain word lists, so each pattern runs in linear time (a test checks them with
 * recheck). The lists aim at text addressed to a model, not at ordinary prose about instructions:
 * "ignore the instructions in step 3" passes, "ignore all previous instructions" does not.
 */

export type PhraseKind = 'instruction-override' | 'role-syntax';

export interface PhrasePattern {
  readonly id: string;
  readonly kind: PhraseKind;
  readonly re: RegExp;
}

const W = '\\s{1,4}';
const words = (list: string) => `(?:${list})`;

const VERB = words('ignore|disregard|forget|override|bypass|skip|abandon|discard|drop');
const MOD = words('all|any|every|each|of|the|your|my|these|those|its|previous|prior|above|earlier|preceding|foregoing|former|existing|original|initial|current|system|developer|safety|other|given|old');
/** Words that say "the instructions you were given", not just "some instructions". */
const REF = words('all|every|your|previous|prior|above|earlier|preceding|foregoing|former|original|initial|existing|system|developer|safety');
const TEMPORAL_REF = words('previous|prior|above|earlier|preceding|foregoing|former|original|initial|system|developer|safety');
const STRONG_NOUN = words('instructions?|prompts?|directions|directives?|guidelines|programming|guardrails|system\\s{1,4}prompt');
const WEAK_NOUN = words('rules|commands?|messages?|context|constraints|restrictions|orders|policies|conversation');

/** English patterns are ASCII: without the `u` flag V8 matches them about three times faster. */
const en = (id: string, source: string): PhrasePattern => ({ id, kind: 'instruction-override', re: new RegExp(source, 'gi') });
const zh = (id: string, source: string): PhrasePattern => ({ id, kind: 'instruction-override', re: new RegExp(source, 'gu') });
const role = (id: string, source: string, flags = 'g'): PhrasePattern => ({ id, kind: 'role-syntax', re: new RegExp(source, flags) });

export const OVERRIDE_PATTERNS: readonly PhrasePattern[] = [
  en('en-ignore-instructions', `\\b${VERB}${W}(?:${MOD}${W}){0,3}${REF}${W}(?:${MOD}${W}){0,3}${STRONG_NOUN}\\b`),
  en('en-ignore-prior-rules', `\\b${VERB}${W}(?:${MOD}${W}){0,3}${TEMPORAL_REF}${W}(?:${MOD}${W}){0,3}${WEAK_NOUN}\\b`),
  en('en-forget-everything', `\\b${words('ignore|disregard|forget')}${W}${words('all|everything')}${W}(?:that${W})?${words(
    `you(?:'ve|${W}have)${W}been${W}told|above|before${W}this|previously|prior|so${W}far|you${W}know`)}\\b`),
  en('en-you-are-now', `\\byou${W}are${W}now${W}(?:in${W})?(?:${words('an?|the')}${W})?${words(
    `DAN|jailbroken|unrestricted|unfiltered|uncensored|unlocked|evil|developer${W}mode|god${W}mode|no${W}longer|free${W}(?:from|of)${W}${words('all|any|your|the')}|${words('new|different')}${W}${words('ai|assistant|model|persona|character|bot|chatbot')}`)}\\b`),
  en('en-from-now-on', `\\bfrom${W}now${W}on,?${W}you${W}${words('are|will|must|shall|should')}${W}(?:only${W})?${words(
    'act|respond|answer|reply|behave|pretend|obey|follow|ignore|comply|roleplay')}\\b`),
  en('en-new-system-prompt', `\\b${words('new|updated|revised|real|actual|true')}${W}system${W}${words('prompt|instructions?|message')}\\s{0,4}:|\\bsystem${W}override\\b`),
  en('en-reveal-system-prompt', `\\b${words('reveal|print|output|repeat|show|display|leak|disclose|tell')}${W}(?:me${W})?${words('your|the')}${W}(?:${words(
    'full|entire|complete|original|hidden|initial|exact')}${W})?${words(`system${W}prompt|system${W}message|initial${W}instructions|hidden${W}instructions`)}\\b`),
  en('en-hide-from-user', `\\b${words("do\\s{1,4}not|don't|never")}${W}${words('tell|inform|alert|notify|warn')}${W}the${W}user\\b`),
  zh('zh-ignore-instructions',
    '(?:忽略|忽视|忽視|无视|無視|不要理会|不要理會|别管|別管|忘记|忘記|忘掉|跳过|跳過|放弃|放棄|覆盖|覆蓋)\\s{0,2}(?:掉)?\\s{0,2}(?:你)?\\s{0,2}' +
    '(?:之前|以上|上面|上述|前面|先前|此前|以前|早先|原有|原来|原來|原始|所有|全部|一切|系统|系統)' +
    '[^\\n。！？!?]{0,12}?(?:指令|指示|说明|說明|提示词|提示詞|提示|规则|規則|命令|要求|设定|設定|约束|約束)'),
  zh('zh-you-are-now',
    '(?:你现在|你現在|从现在开始[，,]?\\s{0,2}你|從現在開始[，,]?\\s{0,2}你)(?:是|扮演|作为|作為|将|將|必须|必須|要)?[^\\n。]{0,10}?' +
    '(?:不受限制|没有限制|沒有限制|无限制|無限制|DAN|越狱|越獄|开发者模式|開發者模式|新的(?:AI|助手|角色)|不同的(?:AI|助手|角色))'),
  zh('zh-reveal-system-prompt',
    '(?:输出|輸出|显示|顯示|告诉我|告訴我|打印|泄露|洩露|重复|重複|透露)\\s{0,2}(?:你的|一下|出)?\\s{0,2}(?:系统提示|系統提示|系统指令|系統指令|初始指令|隐藏指令|隱藏指令)'),
  zh('zh-hide-from-user', '不要(?:告诉|告訴|通知|提醒|让|讓)(?:用户|用戶|使用者)'),
];

export const ROLE_PATTERNS: readonly PhrasePattern[] = [
  /** ChatML and friends: <|im_start|>, <|endoftext|>, <|eot_id|>, <|start_header_id|>… */
  role('special-token', '<\\|[a-z_]{2,24}\\|>', 'gi'),
  role('llama-markers', '\\[/?INST\\]|<</?SYS>>|<(?:start|end)_of_turn>'),
  /** Tool-protocol tags a tool result has no business containing; <system-reminder> is not one of them. */
  role('tool-tags', '</?(?:tool_result|tool_use|tool_call|tool_response|function_results|function_calls|function_call|invoke|antml:[a-z_]{1,24})(?=[\\s>/])[^<>]{0,200}>', 'gi'),
  role('system-tag', '</?system>', 'gi'),
  /** The old completion format's turn markers, which start after a blank line or at the very start. */
  role('turn-marker', '(?:^|\\n[ \\t]{0,8}\\r?\\n)[ \\t]{0,8}(?:Human|Assistant)[ \\t]{0,4}:'),
  role('json-role', '\\{\\s{0,8}"role"\\s{0,8}:\\s{0,8}"(?:system|developer)"'),
];

export const PHRASE_PATTERNS: readonly PhrasePattern[] = [...OVERRIDE_PATTERNS, ...ROLE_PATTERNS];

export interface PhraseHit {
  readonly pattern: PhrasePattern;
  readonly start: number;
  readonly end: number;
}

export function findPhrases(text: string, patterns: readonly PhrasePattern[] = PHRASE_PATTERNS): PhraseHit[] {
  const hits: PhraseHit[] = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern.re)) {
      // A turn marker's match includes the blank line before it; report the marker itself.
      const lead = pattern.id === 'turn-marker' ? m[0].length - m[0].trimStart().length : 0;
      hits.push({ pattern, start: m.index + lead, end: m.index + m[0].length });
    }
  }
  return hits;
}
