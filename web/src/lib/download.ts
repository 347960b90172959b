import { apiDownload } from '../api/client';

/** Saves a Blob as a file: a Blob URL clicked through a temporary link. */
function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is no longer needed once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves text as a file without a server round trip. */
export function downloadText(filename: string, text: string, type: string): void {
  saveBlob(filename, new Blob([text], { type }));
}

/**
 * Downloads a file the API answers for the signed-in browser (its session cookie goes along), so
 * a failure can be shown on the page instead of as a broken download. Throws the ApiProblem the API
 * answered (or SessionLost), as every other request does.
 */
export async function downloadFromApi(path: string, fallbackName: string): Promise<void> {
  const response = await apiDownload(path);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  saveBlob(name, await response.blob());
}
