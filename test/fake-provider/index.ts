// The fake LLM provider used by integration tests and benchmarks.
export { startFakeProvider } from './server.js';
export type { FakeProvider, FakeProviderOptions, RecordedRequest, Scenario, ScenarioName } from './types.js';
