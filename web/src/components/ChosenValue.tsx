/**
 * What a native date, time or zone input holds, written out beside it in the app's language: the
 * browser draws such inputs in its own locale, so a coordinator working in Georgian would otherwise
 * read an English-format day. `id` is what the input's aria-describedby names (read with the
 * input, so no live region that would speak each keystroke). Empty when the input is.
 */
export function ChosenValue({ id, text }: { id: string; text: string | undefined }) {
  return (
    <span id={id} className="chosen-value">
      {text ?? ''}
    </span>
  );
}
