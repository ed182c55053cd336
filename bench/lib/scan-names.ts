// bench/scan.ts section 4: what the opt-in name detectors add to the scan step of a request.
// A 256 KB chat message of prose (the labelled corpus, name-dense: most lines hold a name) and one of
// code pasted without fences (the corpus's snippets), scanned through scanRequestText on the event loop
// with the name detectors on and off, runs interleaved. Wall and CPU medians: on a shared machine
// CPU time is the fairer figure.
import { ScanEngine } from '../../gateway/request/scan-engine.js';
import { scanRequestText } from '../../gateway/request/scan-request.js';
import { namesCode, namesProse } from './names-payloads.js';
import { median } from './stats.js';

const SIZE = 256 * 1024;
const onLoop = { workerThresholdChars: Number.MAX_SAFE_INTEGER, workers: 0 };
// Result caches off: every run is a first sight of the text.
const namesOff = new ScanEngine({ scan: { cacheChars: 0 }, ...onLoop });
const namesOn = new ScanEngine({ scan: { enabled: ['person', 'location', 'organization'], cacheChars: 0 }, ...onLoop });

export interface NamesCost {
  name: string;
  /** Medians (ms): wall and CPU, names off and on. */
  off: number;
  on: number;
  cpuOff: number;
  cpuOn: number;
  /** Name findings in the payload (on). */
  names: number;
}

async function once(body: string, engine: ScanEngine): Promise<{ wall: number; cpu: number; names: number }> {
  const json: unknown = JSON.parse(body);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const scanned = await scanRequestText('openai-chat', json, [], engine);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const names = scanned.findings.reduce((n, list) => n + list.filter((f) => f.category === 'name').length, 0);
  return { wall, cpu: (c.user + c.system) / 1000, names };
}

export async function measureNames(runs: number, warmup: number): Promise<NamesCost[]> {
  const payloads = [
    { name: '256 KB prose (corpus sentences)', text: namesProse(SIZE) },
    { name: '256 KB code (snippets, no fences)', text: namesCode(SIZE) },
  ];
  const out: NamesCost[] = [];
  for (const p of payloads) {
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: p.text }] });
    for (let i = 0; i < warmup; i++) {
      await once(body, namesOff);
      await once(body, namesOn);
    }
    const off: { wall: number; cpu: number }[] = [];
    const on: { wall: number; cpu: number; names: number }[] = [];
    for (let i = 0; i < runs; i++) {
      off.push(await once(body, namesOff));
      on.push(await once(body, namesOn));
    }
    out.push({
      name: p.name,
      off: median(off.map((s) => s.wall)),
      on: median(on.map((s) => s.wall)),
      cpuOff: median(off.map((s) => s.cpu)),
      cpuOn: median(on.map((s) => s.cpu)),
      names: on[0]!.names,
    });
  }
  return out;
}
