import { useId, useLayoutEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import './Dialog.css';

interface Props {
  title: string;
  /** Esc, the Cancel button or a finished action: the owner unmounts the dialog. */
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** An id inside `children` whose text explains the dialog (read with the title). */
  describedBy?: string;
  /** 'alertdialog' for confirmations that interrupt (restore, deactivate). */
  role?: 'dialog' | 'alertdialog';
  testId?: string;
}

/**
 * A modal on the native <dialog>: the browser traps focus, dims the page, puts it in the top layer
 * and turns Esc into a `cancel` event, which closes through the owner so React stays the truth.
 * Mounted only while open; focus goes back where it was when it closes.
 */
export function Dialog({ title, onClose, children, wide, describedBy, role = 'dialog', testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    // React keeps autoFocus to itself, so say where the keyboard starts explicitly.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      data-testid={testId}
    >
      <h2 className="dialog__title" id={titleId}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}
