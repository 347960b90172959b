import { Unzip, UnzipInflate, zipSync } from 'fflate';
import { UnreadableFile } from './errors.js';

/** Most parts a workbook may have; a member list has about ten. */
const MAX_ENTRIES = 1000;
/**
 * Bytes of the file handed to the inflater at a time. DEFLATE expands at most about 1 032:1, so
 * one step holds at most about 16 MB of output before the count can stop it.
 */
const STEP_BYTES = 16 * 1024;

const unreadable = (detail: string) => new UnreadableFile(`The file is not a readable XLSX workbook: ${detail}`);
/** fflate's own words ("invalid zip data", "unknown compression type 99") name its internals: kept as the cause only. */
const damaged = (cause: unknown) =>
  new UnreadableFile('The file is not a readable XLSX workbook: its ZIP structure is damaged or uses an unusual compression. Open it in a spreadsheet program and save it again as .xlsx, or save it as CSV.', 'unreadable_file', undefined, { cause });

/**
 * Unpacks a ZIP file (an XLSX workbook) part by part, refusing it as soon as its parts together
 * pass `limit` bytes, and returns the parts (path → bytes). Each part is inflated as a stream
 * (fflate's `Unzip`, which walks the local headers) and counted as it inflates, so a part that
 * lies about its size is caught while at most one step's output is held, and an end record or
 * central directory that lists fewer parts hides none (the walk never reads them). Directories
 * are left out, and parts `keep` refuses are counted but not kept. Throws UnreadableFile naming the limit in MB, or when the file is not a readable
 * ZIP (a part in a compression other than stored or DEFLATE, a truncated part, more than
 * MAX_ENTRIES parts).
 */
export function unpackWithin(bytes: Uint8Array, limit: number, keep: (name: string) => boolean = () => true): Record<string, Uint8Array> {
  // No prototype: a part may be named "__proto__".
  const parts = Object.create(null) as Record<string, Uint8Array>;
  const pending = new Set<string>();
  let entries = 0;
  let inflated = 0;
  const unzip = new Unzip((file) => {
    if (++entries > MAX_ENTRIES) throw new UnreadableFile(`The workbook has more than ${MAX_ENTRIES} parts; a member list has a few dozen at most.`);
    const chunks: Uint8Array[] = [];
    // Every part is counted; only those kept are held. A directory, or a name an object cannot
    // hold as a key, is never kept.
    const kept = !file.name.endsWith('/') && file.name !== '__proto__' && keep(file.name);
    pending.add(file.name);
    file.ondata = (error, chunk, final) => {
      // fflate's inflater catches what this callback throws and calls it again with that error.
      if (error) throw error instanceof UnreadableFile ? error : damaged(error);
      inflated += chunk.length;
      if (inflated > limit) throw new UnreadableFile(`The workbook unpacks to more than ${Math.round(limit / (1024 * 1024))} MB; save the member list as CSV, or split it.`);
      if (kept) chunks.push(chunk);
      if (final) {
        pending.delete(file.name);
        if (kept) parts[file.name] = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length; at += STEP_BYTES) unzip.push(bytes.subarray(at, at + STEP_BYTES), at + STEP_BYTES >= bytes.length);
  } catch (error) {
    throw error instanceof UnreadableFile ? error : damaged(error);
  }
  if (pending.size > 0) throw unreadable(`the part ${[...pending][0]?.slice(0, 100)} ends early.`);
  return parts;
}

/**
 * The parts `unpackWithin` counted and kept, as a new ZIP file (stored, sizes true, no data descriptors),
 * so that the workbook reader reads exactly those parts and no others: its own ZIP reader never
 * sees the uploaded file, whatever that file's headers, central directory or end record say.
 * Stored, not deflated: nothing is inflated twice, and fflate's `unzip` (which read-excel-file's
 * universal build uses) starts a worker thread only to inflate a large compressed part.
 */
export function rezipped(parts: Record<string, Uint8Array>): ArrayBuffer {
  const zip = zipSync(parts, { level: 0 });
  return zip.byteLength === zip.buffer.byteLength ? (zip.buffer as ArrayBuffer) : zip.slice().buffer;
}
