import JSZip from 'jszip';
import { UnreadableFile } from './errors.js';

/** Most parts a workbook may have; a member list has about ten. */
const MAX_ENTRIES = 1000;

/**
 * Checks that a ZIP file (an XLSX workbook) unpacks to at most `limit` bytes, all parts together,
 * before ExcelJS inflates it. Read with JSZip, the parser ExcelJS itself uses, so the parts counted
 * are exactly the parts ExcelJS will read (a second ZIP reader can be shown other entries: yauzl
 * trusts the end record's entry count, JSZip reads every central-directory header). Each part is
 * inflated as a stream and counted, stopping at the limit, so a part that lies about its size is
 * caught while only a chunk is held. Throws UnreadableFile naming the limit in MB, or when the
 * file is not a readable ZIP.
 */
export async function checkUnpackedSize(bytes: Uint8Array, limit: number): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new UnreadableFile(`The file is not a readable XLSX workbook: ${(error as Error).message}`);
  }
  const parts = Object.values(zip.files).filter((file) => !file.dir);
  if (parts.length > MAX_ENTRIES) throw new UnreadableFile(`The workbook has ${parts.length} parts; a member list has a few dozen at most.`);
  let inflated = 0;
  for (const part of parts) {
    inflated += await inflatedSize(part, limit - inflated);
    if (inflated > limit) throw new UnreadableFile(`The workbook unpacks to more than ${Math.round(limit / (1024 * 1024))} MB; save the member list as CSV, or split it.`);
  }
}

/** Inflates one part as a stream and returns its size, or stops at the first chunk past `room` (returning more than `room`). */
function inflatedSize(part: JSZip.JSZipObject, room: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const stream = part.nodeStream('nodebuffer');
    stream
      .on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > room) {
          stream.pause();
          resolve(size);
        }
      })
      .on('error', (error: Error) => reject(new UnreadableFile(`The file is not a readable XLSX workbook: ${error.message}`)))
      .on('end', () => resolve(size));
  });
}
