import { type ReactNode, useEffect, useId, useRef } from 'react';
import './events.css';

/**
 * A modal dialog on the native <dialog>: the browser keeps focus inside it, Escape closes it, and focus returns to
 * what opened it. Focus starts on the first field (or the first button), so a keyboard user can type at once.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>(
      'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])',
    );
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may be gone after a save (the buttons change); the page then moves focus itself.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`koers-dialog${wide ? ' koers-dialog--wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        close.current();
      }}
    >
      <h2 id={titleId} className="utrecht-heading-2 koers-dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
