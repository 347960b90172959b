import { useEffect, useState, type RefObject } from 'react';

/**
 * Moves focus, once the next render is on screen, to the element `ref` holds: for a press that
 * replaces the pressed button (Edit opens a form, Decline asks "for good?", Keep puts the button
 * back). Without it focus falls to the start of the page, and a keyboard or screen-reader user must
 * find their place again.
 */
export function useFocusNext(): (ref: RefObject<HTMLElement | null>) => void {
  const [target, setTarget] = useState<{ ref: RefObject<HTMLElement | null> }>();
  useEffect(() => {
    if (!target) return;
    target.ref.current?.focus();
    setTarget(undefined);
  }, [target]);
  return (ref) => setTarget({ ref });
}
