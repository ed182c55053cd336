import { PageHead } from '../components/PageHead.js';
import { Tabs } from '../components/Tabs.js';
import { routeHref } from '../hooks/useHashRoute.js';
import { useConfig } from '../hooks/useConfig.js';
import { ClientKeysSection } from './settings/ClientKeysSection.js';
import { DetectorsSection } from './settings/DetectorsSection.js';
import { LimitsSection } from './settings/LimitsSection.js';
import { PolicySection } from './settings/PolicySection.js';
import { ProvidersSection } from './settings/ProvidersSection.js';
import { TermsSection } from './settings/TermsSection.js';
import { VendorAllowlistSection } from './settings/VendorAllowlistSection.js';

const TABS = [
  { id: 'policy', label: 'Policy & rules' },
  { id: 'detectors', label: 'Detectors' },
  { id: 'terms', label: 'Deny terms & allowlist' },
  { id: 'providers', label: 'Providers' },
  { id: 'keys', label: 'Client keys' },
  { id: 'limits', label: 'Limits' },
];

export function SettingsPage({ tab }: { tab: string | undefined }) {
  const config = useConfig();
  const current = TABS.some((t) => t.id === tab) ? (tab as string) : 'policy';
  return (
    <div className="page">
      <PageHead title="Rules & settings" subtitle="What the gateway asks about, redacts or blocks, where it forwards, and its limits. Changes apply to the next request." />
      <Tabs tabs={TABS} current={current} href={(id) => routeHref('settings', id)} />
      {config.error && <div className="form-error">Could not load the configuration: {config.error}</div>}
      {config.view && current === 'policy' && <PolicySection config={config} />}
      {config.view && current === 'detectors' && <DetectorsSection config={config} />}
      {config.view && current === 'terms' && <TermsSection config={config} />}
      {config.view && current === 'terms' && <VendorAllowlistSection config={config} />}
      {config.view && current === 'providers' && <ProvidersSection config={config} />}
      {current === 'keys' && <ClientKeysSection />}
      {config.view && current === 'limits' && <LimitsSection config={config} />}
    </div>
  );
}
