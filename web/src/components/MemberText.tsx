import type { ElementType } from 'react';
import { guessTextLanguage } from '../i18n/member-text';

/** Text a member wrote, marked with its own language (`lang`), not the page's. */
export function MemberText({ text, as: Tag = 'span', className }: { text: string; as?: ElementType; className?: string }) {
  return (
    <Tag lang={guessTextLanguage(text)} className={className}>
      {text}
    </Tag>
  );
}
