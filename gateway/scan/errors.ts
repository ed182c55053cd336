/** The scanned string is longer than `maxScanChars`; the caller must fail closed (block, never forward). */
export class ScanLimitError extends Error {
  override readonly name = 'ScanLimitError';
  constructor(
    readonly length: number,
    readonly limit: number,
  ) {
    super(`Text of ${length} chars exceeds the scan limit of ${limit} chars`);
  }
}

/** The scan options cannot be compiled: unknown detector id, invalid or unsafe custom regex, bad kind. */
export class ScanConfigError extends Error {
  override readonly name = 'ScanConfigError';
}
