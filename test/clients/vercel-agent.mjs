// An SDK-based agent for the client suite, run with the pinned Vercel AI SDK from .cache/clients
// (AEGIS_AI_DIR): generateText and streamText on the same prompt, then a tool loop with a shell-like
// tool the SDK runs itself. Prints one JSON line of what the program saw.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const req = createRequire(join(process.env.AEGIS_AI_DIR, 'package.json'));
const load = (name) => import(pathToFileURL(req.resolve(name)).href);
const { generateText, streamText, tool, stepCountIs } = await load('ai');
const { createOpenAI } = await load('@ai-sdk/openai');
const { z } = await load('zod');

const openai = createOpenAI({ baseURL: `${process.env.GATEWAY_URL}/v1`, apiKey: 'sk-client-test' });
const model = openai('gpt-test');
const prompt = process.env.PROMPT;

const generated = await generateText({ model, prompt, maxRetries: 0 });
const streamed = streamText({ model, prompt, maxRetries: 0 });
let streamedText = '';
for await (const delta of streamed.textStream) streamedText += delta;

const ran = [];
const agent = await generateText({
  model,
  prompt: process.env.TOOL_PROMPT,
  maxRetries: 0,
  stopWhen: stepCountIs(3),
  tools: {
    run_shell: tool({
      description: 'Runs a shell command',
      inputSchema: z.object({ command: z.string() }),
      execute: async ({ command }) => {
        ran.push(command);
        return `ran: ${command}`;
      },
    }),
  },
});
console.log(JSON.stringify({ generated: generated.text, streamed: streamedText, ran, agent: agent.text }));
