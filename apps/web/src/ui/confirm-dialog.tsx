import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Button, ButtonGroup } from './components';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** `danger` for what cannot be undone by the user (cancel a meeting). */
  kind?: 'primary' | 'danger';
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Asks before an irreversible step (issue 6). A native modal <dialog>: focus moves into it and stays there,
 * Escape cancels, and focus returns to the button that opened it when it closes.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Annuleren',
  kind = 'primary',
  busy,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="koers-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="utrecht-heading-2">
            {title}
          </h2>
          <div className="koers-dialog__body">{children}</div>
          <ButtonGroup>
            <Button kind={kind} busy={busy} onClick={onConfirm}>
              {confirmLabel}
            </Button>
            <Button kind="secondary" disabled={busy} onClick={onCancel}>
              {cancelLabel}
            </Button>
          </ButtonGroup>
        </>
      )}
    </dialog>
  );
}
