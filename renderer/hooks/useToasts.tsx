import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type ToastTone = 'info' | 'danger';
/** A button on the toast, such as Undo; it closes the toast when pressed. */
export interface ToastAction {
  label: string;
  run: () => void;
}
interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
  action?: ToastAction;
}
type Push = (text: string, tone?: ToastTone, action?: ToastAction) => void;

const ToastContext = createContext<Push>(() => undefined);
let nextId = 1;

/** Short confirmations of what an action did ("Approved", "Key revoked"); errors, and toasts with an Undo, stay longer. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback<Push>((text, tone = 'info', action) => {
    const id = nextId++;
    setToasts((t) => [...t.slice(-2), { id, text, tone, ...(action && { action }) }]);
    // An undo needs time to be read and reached.
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), action ? 10_000 : tone === 'danger' ? 7000 : 3500);
  }, []);
  const close = (id: number) => setToasts((t) => t.filter((x) => x.id !== id));
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.tone}`} data-testid="toast">
            <span className="grow">{t.text}</span>
            {t.action && (
              <button type="button" className="btn sm toast-action" data-testid="toast-action" onClick={() => (close(t.id), t.action!.run())}>
                {t.action.label}
              </button>
            )}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = (): Push => useContext(ToastContext);
