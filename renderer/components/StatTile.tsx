export function StatTile({ label, value, detail, tone, testId }: { label: string; value: string; detail?: string; tone?: 'warn' | 'danger' | 'ok'; testId?: string }) {
  return (
    <div className={`tile card${tone ? ` ${tone}` : ''}`} data-testid={testId}>
      <div className="tile-label">{label}</div>
      <div className="tile-value num" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </div>
      {detail && <div className="tile-detail">{detail}</div>}
    </div>
  );
}
