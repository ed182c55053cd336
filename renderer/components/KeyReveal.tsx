import type { CreatedClientKey } from '../../gateway/admin/contract.js';
import { CopyButton } from './CopyButton.js';
import { Icon } from './Icon.js';

/** The one time a client key is ever shown. */
export function KeyReveal({ created, onDone }: { created: CreatedClientKey; onDone: () => void }) {
  return (
    <div className="callout ok key-reveal" data-testid="created-key">
      <Icon name="key" />
      <div className="grow stack tight">
        <strong>Key “{created.record.name}” created. Copy it now: it will not be shown again.</strong>
        <div className="row">
          <code className="secret-value" data-testid="created-key-value">
            {created.key}
          </code>
          <CopyButton text={created.key} label="Copy key" />
        </div>
      </div>
      <button type="button" className="btn ghost sm" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
