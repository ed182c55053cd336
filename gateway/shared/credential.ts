/**
 * A provider key the gateway sends instead of whatever the client sent: the provider's managed key,
 * or the client's own key moved to the header the provider's kind reads.
 */
export interface UpstreamCredential {
  readonly header: 'authorization' | 'x-api-key' | 'api-key';
  /** The raw secret, never a header value: the header is written from it in upstream/headers.ts. */
  readonly key: string;
}
