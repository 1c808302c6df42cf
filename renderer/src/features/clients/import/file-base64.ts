// The file's bytes as base64 for 'imports:upload'. btoa takes a "binary string"; building it with
// String.fromCharCode over the whole 5 MB array at once would overflow the call stack, so the bytes
// go in chunks (a multiple of 3, so each chunk's base64 joins without padding in the middle).

const CHUNK = 3 * 1024 * 8;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const chunk = bytes.subarray(i, i + CHUNK);
    let binary = '';
    for (let j = 0; j < chunk.length; j++) binary += String.fromCharCode(chunk[j]!);
    parts.push(btoa(binary));
  }
  return parts.join('');
}

/**
 * The browser's own encoder (FileReader's data URL) where there is one: encoding a 1.6 MB file byte
 * by byte in script held the window for ~470 ms (BENCHMARKS.md); the reader works off the main
 * thread and hands back the text.
 */
export async function fileToBase64(file: Blob): Promise<string> {
  if (typeof FileReader === 'undefined') return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
  // "data:<type>;base64,<data>" — an empty file has no data part.
  const comma = url.indexOf(',');
  return comma < 0 ? '' : url.slice(comma + 1);
}
