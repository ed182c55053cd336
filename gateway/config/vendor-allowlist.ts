/**
 * The built-in default of `scan.vendorAllowlist`: values that agent programs ship in their own prompts
 * and tool definitions, and the documentation examples they quote. None is anyone's secret or personal
 * data, yet each trips a detector — Claude Code's commit attribution alone put `noreply@anthropic.com`
 * into every request and, under `strict`, held every one. Users can edit the list in Settings.
 */
export const VENDOR_ALLOWLIST: readonly string[] = [
  // Addresses agents write into commit attributions and instructions.
  'noreply@anthropic.com',
  'noreply@openai.com',
  'codex@openai.com',
  'git@github.com',
  // Example addresses from documentation (RFC 2606 domains) that agents' prompts and tools quote.
  'user@example.com',
  'name@example.com',
  'you@example.com',
  'alice@example.com',
  'bob@example.com',
  'dana@example.com',
  'pat@example.com',
  'jane.doe@example.com',
  'john.doe@example.com',
  // AWS's documentation key pairs.
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  // Card numbers payment providers document for testing.
  '4111 1111 1111 1111',
  '4111111111111111',
  '4242 4242 4242 4242',
  '4242424242424242',
  // Documentation addresses (RFC 5737, RFC 3849).
  '192.0.2.1',
  '198.51.100.1',
  '203.0.113.1',
  '2001:db8::1',
];
