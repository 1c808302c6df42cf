import { fileToBase64 } from '../../clients/import/file-base64';

// The photo's thumbnail, made here because the renderer is a browser with a canvas and the core
// loads no image library (no native modules). At most THUMB_EDGE px on the longer side, JPEG.

export const THUMB_EDGE = 320;

/** The size a thumbnail of a width × height image gets: the longer side THUMB_EDGE, never upscaled. */
export function thumbSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, THUMB_EDGE / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The thumbnail as base64, or undefined when the browser cannot decode the file (then the core
 * keeps the photo without one and serves the photo itself as its preview).
 */
export async function makeThumbnail(file: Blob): Promise<string | undefined> {
  if (typeof createImageBitmap !== 'function' || typeof document === 'undefined') return undefined;
  try {
    const bitmap = await createImageBitmap(file);
    const size = thumbSize(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const g = canvas.getContext('2d');
    if (!g) return undefined;
    g.drawImage(bitmap, 0, 0, size.width, size.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
    return blob ? await fileToBase64(blob) : undefined;
  } catch {
    return undefined;
  }
}
