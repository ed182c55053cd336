// What every shape builder gets: the request's essentials and whether to answer with a tool call.

export interface ReplyInput {
  model: string;
  inputTokens: number;
  /** set: answer with a call of this tool whose arguments are the content; unset: content is text */
  toolName?: string;
  /** OpenAI chat only: add the usage chunk to streams */
  includeUsage: boolean;
}
