import type { DictionaryItem, DictionaryKind } from '../../../../../shared/contract/dictionaries.schema';

/** One dictionary's items in their order. */
export function itemsOf(items: readonly DictionaryItem[], kind: DictionaryKind): DictionaryItem[] {
  return items.filter((d) => d.kind === kind).sort((a, b) => a.order - b.order);
}

/**
 * The new order of a whole dictionary after moving one item up (-1) or down (+1) past its
 * neighbour among the items on screen (inactive ones may be hidden); null when it cannot move.
 * The core wants every item of the kind, hidden ones included, exactly once.
 */
export function orderAfterMove(
  items: readonly DictionaryItem[],
  id: string,
  direction: -1 | 1,
  visible: (d: DictionaryItem) => boolean = () => true,
): string[] | null {
  const item = items.find((d) => d.id === id);
  if (!item) return null;
  const all = itemsOf(items, item.kind);
  const shown = all.filter((d) => d.id === id || visible(d));
  const at = shown.findIndex((d) => d.id === id);
  const neighbour = shown[at + direction];
  if (!neighbour) return null;
  const ids = all.map((d) => d.id);
  const i = ids.indexOf(id);
  const j = ids.indexOf(neighbour.id);
  [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  return ids;
}
