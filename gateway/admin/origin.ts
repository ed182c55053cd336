import type { IncomingHttpHeaders } from 'node:http';

/**
 * Which browser contexts may call the admin API: only pages served by this very listener (the
 * dashboard under `/ui/`). Requests without `Origin` (CLI, curl, SDKs) are judged by their
 * credential alone. `Sec-Fetch-Site` also catches cross-site requests that carry no `Origin`
 * (navigations, `<img>`); `same-site` is refused too, because every port on localhost is the same site.
 */
export class OriginPolicy {
  readonly #extraHost: string | undefined;
  readonly #byPort = new Map<number, Set<string>>();

  /** @param bindHost the configured listen address; a specific one (not a wildcard) is an own origin too */
  constructor(bindHost: string) {
    const bind = bindHost.toLowerCase();
    const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'];
    this.#extraHost = bind === '0.0.0.0' || bind === '::' || loopback.includes(bind) ? undefined : bind.includes(':') ? `[${bind}]` : bind;
  }

  allows(headers: IncomingHttpHeaders, localPort: number | undefined): boolean {
    const site = headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
    const origin = headers.origin;
    if (origin === undefined) return true;
    return localPort !== undefined && this.#originsFor(localPort).has(origin.toLowerCase());
  }

  #originsFor(port: number): Set<string> {
    let origins = this.#byPort.get(port);
    if (!origins) {
      const hosts = ['127.0.0.1', 'localhost', '[::1]'];
      if (this.#extraHost) hosts.push(this.#extraHost);
      // Browsers omit the default port from an origin.
      origins = new Set(hosts.map((h) => (port === 80 ? `http://${h}` : `http://${h}:${port}`)));
      this.#byPort.set(port, origins);
    }
    return origins;
  }
}
