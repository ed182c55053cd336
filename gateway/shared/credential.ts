/** A credential that replaces whatever the client sent (managed provider keys). */
export interface UpstreamCredential {
  header: 'authorization' | 'x-api-key' | 'api-key';
  value: string;
}
