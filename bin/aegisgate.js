#!/usr/bin/env node
// In a source checkout run the TypeScript through tsx; in an installed or packaged copy run dist/.
import { existsSync } from 'node:fs';

const source = new URL('../gateway/cli.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/gateway/cli.js', import.meta.url).href);
}
