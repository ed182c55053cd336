/**
 * The built-in default of `scan.vendorAllowlist`: values that agent programs ship in their own prompts
 * and tool definitions, and the documentation examples they quote. None is anyone's secret or personal
 * data, yet each trips a detector — Claude Code's commit attribution alone put `noreply@anthropic.com`
 * into every request and, under `strict`, held every one. Users can edit the list in Settings.
 * Kept short on purpose: example addresses (`user@example.com`), test card numbers and documentation
 * IP ranges are also what people test their own redaction with, so they stay detected unless added.
 */
export const VENDOR_ALLOWLIST: readonly string[] = [
  // Addresses agents write into commit attributions and their own instructions.
  'noreply@anthropic.com',
  'noreply@openai.com',
  // AWS's documentation key pairs, quoted by agents' prompts and tool documentation.
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
];
