/** Records in a backup or an export, whatever collections it holds. */
export function totalRecords(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
