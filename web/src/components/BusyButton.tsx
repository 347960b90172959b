import type { ComponentPropsWithRef } from 'react';

type BusyButtonProps = ComponentPropsWithRef<'button'> & {
  /** While its action runs: announced as unavailable (aria-disabled) and ignoring presses. */
  busy: boolean;
};

/**
 * A button whose action takes a moment (sending a form, answering a match). While busy it says so
 * and ignores presses, but stays focusable: a `disabled` button drops the keyboard's focus to the
 * start of the page, so a keyboard or screen-reader user who pressed Save would have to find their
 * way back. A submit button stops the form's submission too (implicit submission clicks it).
 */
export function BusyButton({ busy, onClick, ...props }: BusyButtonProps) {
  return (
    <button
      {...props}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (busy) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}
