/** Where a piece of request text sits, for the scanner, the policy and the injection heuristics. */
/** `tool_definition`: the tools a request offers (names, descriptions, schemas), written by the client program. */
export type FieldKind = 'system' | 'message' | 'tool_args' | 'tool_result' | 'document' | 'tool_definition' | 'other';

export interface FieldContext {
  readonly kind: FieldKind;
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
export interface TextField extends FieldContext {
  readonly holder: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly encoding: 'text' | 'json';
}

export const readField = (f: TextField): string => (f.holder as Record<string | number, unknown>)[f.key] as string;

export function writeField(f: TextField, value: string): void {
  (f.holder as Record<string | number, unknown>)[f.key] = value;
}
