/**
 * Types for saxen 11.2.0 (MIT), which ships none: the SAX parser read-excel-file reads with (it
 * carries a copy). Only what `worksheet-guard.ts` uses. A listener may throw; the error leaves
 * `parse`. Without an `error` listener, a malformed document throws.
 */
declare module 'saxen' {
  export class Parser {
    on(event: 'openTag', listener: (elementName: string, getAttributes: () => Record<string, string>, decodeEntities: (text: string) => string, selfClosing: boolean) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    parse(xml: string): Error | undefined;
  }
}
