import { CopyButton } from './CopyButton.js';

export function CodeBlock({ code, testId }: { code: string; testId?: string }) {
  return (
    <div className="codebox">
      <pre className="code" data-testid={testId}>
        {code}
      </pre>
      <CopyButton text={code} />
    </div>
  );
}
