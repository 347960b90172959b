import { useEffect, useRef, type ReactNode } from 'react';

const BRAND = 'CultureBridge';

// The first page a visitor lands on keeps the browser's focus; after that, every page change moves
// focus to the new heading so screen readers announce it (a single-page app gets no page load).
let firstHeading = true;

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${BRAND}`;
  }, [title]);
  useEffect(() => {
    if (firstHeading) firstHeading = false;
    else heading.current?.focus();
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
