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

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
