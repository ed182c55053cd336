import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.js';

export function EmptyState({ icon, title, children, testId }: { icon: IconName; title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty" data-testid={testId}>
      <div className="empty-icon">
        <Icon name={icon} />
      </div>
      <h3>{title}</h3>
      {children && <p>{children}</p>}
    </div>
  );
}
