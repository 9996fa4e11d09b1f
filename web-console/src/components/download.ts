import type { Api } from '../api';

/** Saves a file the API serves: fetched with the bearer token (a plain link would not carry it), then handed to the browser. */
export async function saveDownload(api: Api, path: string, fileName: string): Promise<void> {
  const blob = await api.download(path);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  // revoked once the browser has surely started reading it (at once may cancel the download)
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
