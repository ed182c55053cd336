import { useState } from 'react';
import { Icon } from './Icon.js';

/** Copies `text` to the clipboard; says so for two seconds. */
export function CopyButton({ text, label = 'Copy', className = 'btn sm' }: { text: string; label?: string; className?: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone(true);
      setTimeout(() => setDone(false), 2000);
    } catch {
      // Clipboard refused (no focus, permissions): the text is on screen to copy by hand.
    }
  };
  return (
    <button type="button" className={`${className} copy`} onClick={() => void copy()} aria-label={label}>
      <Icon name={done ? 'check' : 'copy'} />
      {done ? 'Copied' : label}
    </button>
  );
}
