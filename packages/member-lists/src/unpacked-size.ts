import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { UnreadableFile } from './errors.js';

/** Most parts a workbook may have; a member list has about ten. */
const MAX_ENTRIES = 1000;

/**
 * Checks that a ZIP file (an XLSX workbook) unpacks to at most `limit` bytes, all entries
 * together, before anything else inflates it. The sizes the central directory declares are
 * summed first; then every entry is inflated as a stream and counted, and yauzl's
 * `validateEntrySizes` fails an entry that inflates to more than it declared, so a file that lies
 * about its sizes is caught without holding more than one chunk. Throws UnreadableFile naming the
 * limit in MB, or when the file is not a readable ZIP.
 */
export async function checkUnpackedSize(bytes: Uint8Array, limit: number): Promise<void> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, file) =>
      error ? reject(new UnreadableFile(`The file is not a readable XLSX workbook: ${error.message}`)) : resolve(file),
    ),
  );
  const tooLarge = () => new UnreadableFile(`The workbook unpacks to more than ${Math.round(limit / (1024 * 1024))} MB; save the member list as CSV, or split it.`);
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new UnreadableFile(`The workbook has ${zip.entryCount} parts; a member list has a few dozen at most.`);
    let declared = 0;
    let inflated = 0;
    for (let entry = await nextEntry(zip); entry !== undefined; entry = await nextEntry(zip)) {
      declared += entry.uncompressedSize;
      if (declared > limit) throw tooLarge();
      inflated += await inflatedSize(zip, entry, limit - inflated, tooLarge);
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (error: Error) => (cleanup(), reject(error instanceof UnreadableFile ? error : new UnreadableFile(`The file is not a readable XLSX workbook: ${error.message}`)));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Inflates one entry as a stream and returns its size; stops as soon as it passes `room`. */
function inflatedSize(zip: ZipFile, entry: Entry, room: number, tooLarge: () => UnreadableFile): Promise<number> {
  if (entry.fileName.endsWith('/')) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(new UnreadableFile(`The file is not a readable XLSX workbook: ${error.message}`));
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > room) {
          stream.destroy();
          reject(tooLarge());
        }
      });
      stream.on('error', (streamError: Error) => reject(new UnreadableFile(`The file is not a readable XLSX workbook: ${streamError.message}`)));
      stream.on('end', () => resolve(size));
    });
  });
}
