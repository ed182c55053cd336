import type { IncomingHttpHeaders } from 'node:http';

/**
 * DNS-rebinding defence: the Host header must name this listener (loopback name or the bound
 * address, with the listening port). Anything else, including `localhost.evil.com`, is refused.
 */
export class HostPolicy {
  readonly #bindHost: string;
  readonly #byPort = new Map<number, Set<string>>();

  constructor(bindHost: string) {
    this.#bindHost = bindHost.toLowerCase();
  }

  allows(host: string | undefined, localPort: number | undefined): boolean {
    if (host === undefined || localPort === undefined) return false;
    return this.#namesFor(localPort).has(host.toLowerCase());
  }

  #namesFor(port: number): Set<string> {
    let names = this.#byPort.get(port);
    if (!names) {
      const bases = ['127.0.0.1', 'localhost', '[::1]'];
      const bind = this.#bindHost;
      if (bind !== '0.0.0.0' && bind !== '::' && !bases.includes(bind)) bases.push(bind.includes(':') ? `[${bind}]` : bind);
      names = new Set(bases.map((b) => `${b}:${port}`));
      if (port === 80) for (const b of bases) names.add(b);
      this.#byPort.set(port, names);
    }
    return names;
  }
}

/**
 * Headers only browsers send, so their presence means a web page. `Sec-Fetch-Mode` alone is not
 * enough: Node's fetch (undici, used by the official SDKs) sends `sec-fetch-mode: cors` on every
 * request, while browsers always add `Sec-Fetch-Site` (and `Origin` on cross-origin calls).
 */
export function isBrowserRequest(headers: IncomingHttpHeaders): boolean {
  if (headers.origin !== undefined || headers['sec-fetch-site'] !== undefined) return true;
  const mode = headers['sec-fetch-mode'];
  return mode !== undefined && mode !== 'cors';
}
