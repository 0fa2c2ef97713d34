import {
  createContext,
  use,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from "react";

export type ToastEnd = "timeout" | "dismissed" | "action";

export interface ToastOptions {
  message: string;
  tone?: "info" | "error";
  /** One button, such as Undo. */
  action?: { label: string; run: () => void };
  /** How long it stays, counted while the pointer and the focus are elsewhere. */
  durationMs?: number;
  /** Called once, however it goes away. */
  onEnd?: (end: ToastEnd) => void;
}

interface Toast extends ToastOptions {
  id: number;
}

/** Shows a toast; the returned function ends it early, as if dismissed. */
type ShowToast = (toast: ToastOptions) => () => void;

const ToastContext = createContext<ShowToast | null>(null);

export function useToast(): ShowToast {
  const show = use(ToastContext);
  if (!show) throw new Error("useToast needs a ToastProvider");
  return show;
}

const DEFAULT_DURATION_MS = 5_000;
let nextId = 0;

/** Short messages at the bottom of the screen, announced politely to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const ended = useRef(new Set<number>());
  const end = useCallback((toast: Toast, how: ToastEnd) => {
    // Once, whichever comes first: the timer, a button, or the caller.
    if (ended.current.has(toast.id)) return;
    ended.current.add(toast.id);
    setToasts((current) => current.filter((item) => item.id !== toast.id));
    toast.onEnd?.(how);
  }, []);
  const show = useCallback<ShowToast>(
    (options) => {
      const toast = { ...options, id: nextId++ };
      setToasts((current) => [...current, toast]);
      return () => end(toast, "dismissed");
    },
    [end],
  );
  return (
    <ToastContext value={show}>
      {children}
      <section aria-label="Notifications" className="toasts">
        <ol aria-live="polite">
          {toasts.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onEnd={(how) => end(toast, how)} />
          ))}
        </ol>
      </section>
    </ToastContext>
  );
}

function ToastItem({ toast, onEnd }: { toast: Toast; onEnd: (how: ToastEnd) => void }) {
  const [paused, setPaused] = useState(false);
  const remaining = useRef(toast.durationMs ?? DEFAULT_DURATION_MS);
  const latestOnEnd = useRef(onEnd);
  latestOnEnd.current = onEnd;
  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => latestOnEnd.current("timeout"), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current -= Date.now() - started;
    };
  }, [paused]);
  return (
    <li
      className={`toast toast-${toast.tone ?? "info"}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span>{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          onClick={() => {
            toast.action!.run();
            onEnd("action");
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss notification"
        onClick={() => onEnd("dismissed")}
      >
        ×
      </button>
    </li>
  );
}
