import type { ReactNode } from 'react';

/**
 * A wide table or chart that scrolls sideways on small screens. It takes focus, so keyboard users
 * can scroll it too, and names itself for screen readers.
 */
export function ScrollArea({ label, className = 'table-scroll', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
