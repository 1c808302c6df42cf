import type { PersonalExportFile } from '../../../../../shared/contract/clients.schema';

// A file the core sent in its answer (base64), saved through the browser's own download: a
// temporary <a download> on a Blob URL works the same in Electron and in the browser host.

export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** A name safe to hand to the download attribute (no folders, no control characters). */
export function safeFileName(name: string, fallback = 'export'): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim();
  return clean || fallback;
}

export function downloadFile(file: PersonalExportFile, doc: Document = document): void {
  const blob = new Blob([bytesOfBase64(file.base64)], { type: file.mime || 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = safeFileName(file.fileName);
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled: revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
