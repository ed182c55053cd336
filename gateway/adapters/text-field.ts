/**
 * Where a piece of request text sits, as the adapters find it, for the scanner and the injection
 * heuristics. `tool_definition`: the tools a request offers (names, descriptions, schemas), written
 * by the client program; `other`: metadata outside the conversation. The policy sees a finding's
 * field as policy/finding.ts's `FieldContext` instead (request/findings.ts maps one to the other).
 */
export type TextPlaceKind = 'system' | 'message' | 'tool_args' | 'tool_result' | 'document' | 'tool_definition' | 'other';

export interface TextPlace {
  readonly kind: TextPlaceKind;
  /** The message role it belongs to, when there is one. */
  readonly role: string | undefined;
  /** Content the user did not write (tool results, documents, fetched pages). */
  readonly untrusted: boolean;
}

/**
 * A reference to one string in a parsed request body: `holder[key]`. The scan step reads it and,
 * when it redacts, writes the new string back in place. `encoding: 'json'` marks a string that is
 * itself JSON text (tool-call arguments): its inner string values are what get scanned.
 */
export interface TextField extends TextPlace {
  readonly holder: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly encoding: 'text' | 'json';
}

export const readField = (f: TextField): string => (f.holder as Record<string | number, unknown>)[f.key] as string;

export function writeField(f: TextField, value: string): void {
  (f.holder as Record<string | number, unknown>)[f.key] = value;
}
