/**
 * What the local runtime must not forget when it stops, kill -9 included: the event log of the local
 * EventBridge, which of its deliveries were settled (the rest are delivered again at start, as SQS
 * would keep them), its dead letters, and the stream's dead-lettered ranges. Kept as JSON lines, one
 * append per fact (appendFileSync: the line is in the OS's hands before the call returns, so a killed
 * process loses nothing it reported), read back at start.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeadLetter, LoggedEvent } from './eventbridge/index.js';
import type { FailureRecord } from './stream-poller.js';

type DeadLetterLine = { deadLetter: DeadLetter } | { redriven: string };

export interface JournalContents {
  events: LoggedEvent[];
  /** `<event id>|<rule>|<target>` of every delivery settled (delivered or dead-lettered). */
  settledDeliveries: Set<string>;
  deadLetters: DeadLetter[];
  streamDeadLetters: FailureRecord[];
}

/** Reads JSON lines; a last line cut short by a kill is dropped (it was never reported as written). */
function readLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  const out: T[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // Only the torn tail of a killed write can fail to parse.
    }
  }
  return out;
}

export class LocalJournal {
  private readonly files: { events: string; deliveries: string; deadLetters: string; streamDeadLetters: string };

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.files = { events: join(dir, 'events.jsonl'), deliveries: join(dir, 'deliveries.jsonl'), deadLetters: join(dir, 'dead-letters.jsonl'), streamDeadLetters: join(dir, 'stream-dead-letters.jsonl') };
  }

  read(): JournalContents {
    const deadLetters = new Map<string, DeadLetter>();
    for (const line of readLines<DeadLetterLine>(this.files.deadLetters)) {
      if ('redriven' in line) deadLetters.delete(line.redriven);
      else deadLetters.set(line.deadLetter.id, line.deadLetter);
    }
    const settledDeliveries = new Set(readLines<{ eventId: string; rule: string; target: string }>(this.files.deliveries).map((d) => `${d.eventId}|${d.rule}|${d.target}`));
    return { events: readLines<LoggedEvent>(this.files.events), settledDeliveries, deadLetters: [...deadLetters.values()], streamDeadLetters: readLines<FailureRecord>(this.files.streamDeadLetters) };
  }

  event(logged: LoggedEvent): void {
    appendFileSync(this.files.events, `${JSON.stringify(logged)}\n`);
  }

  delivered(delivery: { eventId: string; rule: string; target: string }): void {
    appendFileSync(this.files.deliveries, `${JSON.stringify(delivery)}\n`);
  }

  deadLetter(deadLetter: DeadLetter, { redriven }: { redriven: boolean }): void {
    const line: DeadLetterLine = redriven ? { redriven: deadLetter.id } : { deadLetter };
    appendFileSync(this.files.deadLetters, `${JSON.stringify(line)}\n`);
  }

  streamDeadLetter(failure: FailureRecord): void {
    appendFileSync(this.files.streamDeadLetters, `${JSON.stringify(failure)}\n`);
  }
}
