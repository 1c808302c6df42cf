import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { ColumnDef, Row, SortingState, Updater } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ClientRow, QualityFlag } from '../../../../../shared/contract/clients.schema';
import { useClientListStore, useServices } from '../../../app/app-context';
import { formatNumber } from '../../../i18n/format';
import { clientCardRoute, formatHash } from '../../../shell/routes';
import { displayTaxId } from '../phone-format';
import { gridAction, loadedRows, loadedSelection, rowAt } from './client-list.selectors';
import type { ClientSortKey, NameLookups } from './client-list.selectors';

// The client table for up to 50 000 rows: `total` virtual rows of a fixed height, of which only
// those on screen (plus a few) exist in the DOM. Rows whose page has not arrived show as
// placeholders; the store fetches pages as the visible range moves. One tab stop: the grid itself
// holds the focus and points at the active row (aria-activedescendant).

export const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 40;
/** Rows drawn while the very first answer is on its way, so the page does not jump when it comes. */
const SKELETON_ROWS = 8;

interface GridItem {
  index: number;
  row: ClientRow | null;
}

const SORTABLE: readonly string[] = ['name', 'externalCode', 'city'] satisfies ClientSortKey[];
function isSortKey(id: string): id is ClientSortKey {
  return SORTABLE.includes(id);
}

interface Props {
  /** Checkboxes and Space: for the roles that may change clients in bulk. */
  canSelect: boolean;
  names: NameLookups;
  gridRef: RefObject<HTMLDivElement | null>;
  /** Describes the keys (an id of a text on the screen). */
  describedBy: string;
  onOpen: (id: string) => void;
  onShowParent: (row: ClientRow) => void;
}

export function ClientGrid({ canSelect, names, gridRef, describedBy, onOpen, onShowParent }: Props) {
  const { t, i18n } = useTranslation(['clientList', 'clients', 'common']);
  const store = useServices().stores.clientList;
  const total = useClientListStore((s) => s.total);
  const pages = useClientListStore((s) => s.pages);
  const selected = useClientListStore((s) => s.selected);
  const sort = useClientListStore((s) => s.sort);
  const ensureRange = useClientListStore((s) => s.ensureRange);
  const setSort = useClientListStore((s) => s.setSort);
  const toggle = useClientListStore((s) => s.toggle);
  const setSelected = useClientListStore((s) => s.setSelected);
  const baseId = useId();
  const [active, setActive] = useState(() => store.getState().savedView().activeIndex);
  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
  });

  const known = total !== null;
  // TanStack Virtual's API cannot be memoized by the React Compiler, which this project does not use.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: known ? total : SKELETON_ROWS,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The sticky header sits above the rows inside the same scrolling box.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialOffset: () => store.getState().savedView().scrollTop,
  });

  // Coming back from a card: the same row, the same scroll.
  useEffect(
    () => () =>
      store.getState().saveView({ activeIndex: activeRef.current, scrollTop: virtualizer.scrollOffset ?? 0 }),
    [store, virtualizer],
  );
  // A new question starts at the top.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.filters === prev.filters && s.sort === prev.sort) return;
        setActive(0);
        virtualizer.scrollToOffset(0);
      }),
    [store, virtualizer],
  );

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (known) void ensureRange(first, last);
  }, [known, first, last, pages, ensureRange]);

  const data = useMemo<GridItem[]>(
    () => items.map((v) => ({ index: v.index, row: known ? (rowAt(pages, v.index) ?? null) : null })),
    [items, pages, known],
  );

  const texts = useMemo<CellTexts>(
    () => ({
      chain: t('grid.chain'),
      chainLabel: (name) => t('grid.chain_label', { name }),
      flag: (f) => t(`clients:flags.${f}`),
      number: (n) => formatNumber(n, i18n.language),
    }),
    [t, i18n.language],
  );
  // Headers are short so that every column fits a 1280 px window; the full name is what a
  // screen reader says and what the mouse shows.
  const fullNames = useMemo<Record<string, string>>(
    () => ({
      taxId: t('clients:fields.taxId'),
      externalCode: t('clients:fields.externalCode'),
      city: t('clients:fields.city'),
      rep: t('clients:fields.repId'),
      status: t('clients:fields.status'),
      flags: t('filters.quality'),
    }),
    [t],
  );
  // Sortable columns have an accessor (TanStack sorts only those); the core does the sorting.
  const columns = useMemo<ColumnDef<GridItem>[]>(
    () => [
      {
        id: 'name',
        accessorFn: (item) => item.row?.name ?? '',
        header: t('clients:fields.name'),
        cell: ({ row }) => <NameCell row={row.original.row} texts={texts} onShowParent={onShowParent} />,
      },
      {
        id: 'taxId',
        header: t('columns.taxId'),
        enableSorting: false,
        cell: ({ row }) => {
          const r = row.original.row;
          return <Text value={r?.taxId ? displayTaxId(r.taxId, r.country) : null} numeric />;
        },
      },
      {
        id: 'externalCode',
        accessorFn: (item) => item.row?.externalCode ?? '',
        header: t('columns.externalCode'),
        cell: ({ row }) => <Text value={row.original.row?.externalCode ?? null} mono />,
      },
      {
        id: 'city',
        accessorFn: (item) => item.row?.city ?? '',
        header: t('columns.city'),
        cell: ({ row }) => {
          const r = row.original.row;
          return r && <Text value={[r.postalCode, r.city].filter(Boolean).join(' ')} />;
        },
      },
      {
        id: 'rep',
        header: t('columns.rep'),
        enableSorting: false,
        cell: ({ row }) => <NamedText id={row.original.row?.repId ?? null} name={names.rep} />,
      },
      {
        id: 'segment',
        header: t('clients:fields.segmentId'),
        enableSorting: false,
        cell: ({ row }) => <NamedText id={row.original.row?.segmentId ?? null} name={names.segment} />,
      },
      {
        id: 'status',
        header: t('columns.status'),
        enableSorting: false,
        cell: ({ row }) => {
          const status = row.original.row?.status;
          return (
            status && (
              <span className={`status status--${status} client-grid__status`}>
                {t(`clients:status.${status}`)}
              </span>
            )
          );
        },
      },
      {
        id: 'flags',
        header: t('columns.quality'),
        enableSorting: false,
        cell: ({ row }) => <Flags flags={row.original.row?.flags ?? []} texts={texts} />,
      },
    ],
    [t, names, texts, onShowParent],
  );

  const sorting = useMemo<SortingState>(() => [{ id: sort.sort, desc: sort.dir === 'desc' }], [sort]);
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const s = next[0];
      if (s && isSortKey(s.id)) setSort({ sort: s.id, dir: s.desc ? 'desc' : 'asc' });
    },
    [sorting, setSort],
  );
  // The core sorts, filters and pages: TanStack Table names the columns and keeps the sort state.
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (item) => String(item.index),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    sortDescFirst: false,
    state: { sorting },
    onSortingChange,
  });
  const tableRows = table.getRowModel().rows;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  const loaded = useMemo(() => loadedSelection(pages, selected), [pages, selected]);
  const count = known ? total : 0;
  const activeIndex = count ? Math.min(active, count - 1) : 0;
  const rowId = (index: number) => `${baseId}-row-${index}`;
  const activeShown = known && items.some((v) => v.index === activeIndex);

  const move = (index: number) => {
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys on the header's buttons and checkboxes keep their own meaning.
    if (e.target !== e.currentTarget || !known) return;
    const visibleRows = Math.floor(((gridRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT);
    const action = gridAction(e, activeIndex, count, visibleRows);
    if (!action || (action.kind === 'toggle' && !canSelect)) return;
    e.preventDefault();
    const row = rowAt(pages, activeIndex);
    switch (action.kind) {
      case 'move': {
        move(action.index);
        // Shift+arrows select as they go, for a quick run of clients.
        const next = rowAt(pages, action.index);
        if (e.shiftKey && canSelect && next) setSelected([next.id], true);
        break;
      }
      case 'open':
        if (row) onOpen(row.id);
        break;
      case 'toggle':
        if (row) toggle(row.id);
        break;
      case 'parent':
        if (row?.parentId) onShowParent(row);
        break;
    }
  };

  const onRowClick = useCallback(
    (index: number, e: MouseEvent<HTMLDivElement>) => {
      const control = e.target instanceof Element ? e.target.closest('a, button, input') : null;
      // The chain button starts a new list (whose first row is the active one).
      if (control instanceof HTMLButtonElement) return;
      setActive(index);
      // A click on a cell's text keeps the keyboard in the table (links and boxes do their own thing).
      if (!control) gridRef.current?.focus({ preventScroll: true });
    },
    [gridRef],
  );
  const onRowToggle = useCallback(
    (id: string) => {
      toggle(id);
      gridRef.current?.focus({ preventScroll: true });
    },
    [toggle, gridRef],
  );

  const sortedLabel = (dir: false | 'asc' | 'desc') =>
    dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined;

  return (
    <div
      ref={gridRef}
      role="grid"
      tabIndex={0}
      className={canSelect ? 'client-grid client-grid--select' : 'client-grid'}
      aria-label={t('grid.label')}
      aria-describedby={describedBy}
      aria-rowcount={known ? count + 1 : -1}
      aria-colcount={headers.length + (canSelect ? 1 : 0)}
      aria-multiselectable={canSelect || undefined}
      aria-busy={!known || undefined}
      aria-activedescendant={activeShown ? rowId(activeIndex) : undefined}
      onKeyDown={onKeyDown}
      data-testid="client-grid"
    >
      <div role="row" aria-rowindex={1} className="client-grid__row client-grid__head">
        {canSelect && (
          <div role="columnheader" className="client-grid__cell client-grid__cell--select">
            <input
              type="checkbox"
              className="check"
              aria-label={t('grid.select_loaded')}
              title={t('grid.select_loaded')}
              checked={loaded === 'all'}
              ref={(el) => {
                if (el) el.indeterminate = loaded === 'some';
              }}
              disabled={!known || pages.size === 0}
              onChange={() =>
                setSelected(
                  loadedRows(pages).map((r) => r.id),
                  loaded !== 'all',
                )
              }
              data-testid="select-loaded"
            />
          </div>
        )}
        {headers.map((h) => {
          const dir = h.column.getIsSorted();
          const short = typeof h.column.columnDef.header === 'string' ? h.column.columnDef.header : '';
          const full = fullNames[h.id] ?? short;
          const label =
            full === short ? (
              <span className="client-grid__label">{short}</span>
            ) : (
              <>
                <span className="client-grid__label" aria-hidden="true">
                  {short}
                </span>
                <span className="visually-hidden">{full}</span>
              </>
            );
          return (
            <div
              key={h.id}
              role="columnheader"
              aria-sort={sortedLabel(dir)}
              className={`client-grid__cell client-grid__cell--${h.id}`}
            >
              {h.column.getCanSort() ? (
                <button
                  type="button"
                  className="client-grid__sort"
                  title={full}
                  onClick={h.column.getToggleSortingHandler()}
                  data-testid={`sort-${h.id}`}
                >
                  {label}
                  <span className="client-grid__sort-mark" aria-hidden="true">
                    {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
                  </span>
                </button>
              ) : (
                <span className="client-grid__heading" title={full}>
                  {label}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <div role="rowgroup" className="client-grid__body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((v, i) => {
          const tableRow = tableRows[i];
          const item = data[i];
          if (!tableRow || !item) return null;
          return (
            <GridRow
              key={v.key}
              id={rowId(v.index)}
              index={v.index}
              top={v.start - HEADER_HEIGHT}
              row={item.row}
              tableRow={tableRow}
              selected={item.row ? selected.has(item.row.id) : false}
              active={known && v.index === activeIndex}
              canSelect={canSelect}
              columns={columns}
              loadingText={t('common:app.loading')}
              selectLabel={item.row ? t('grid.select_row', { name: item.row.name }) : ''}
              onClick={onRowClick}
              onToggle={onRowToggle}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  id: string;
  index: number;
  top: number;
  row: ClientRow | null;
  tableRow: Row<GridItem>;
  selected: boolean;
  active: boolean;
  canSelect: boolean;
  /** Changes when the names or the language change: the cells must draw again. */
  columns: unknown;
  loadingText: string;
  selectLabel: string;
  onClick: (index: number, e: MouseEvent<HTMLDivElement>) => void;
  onToggle: (id: string) => void;
}

/**
 * One row, drawn again only when what it shows changes (its client, selection, active state or
 * position), not when a page arrives for other rows or TanStack rebuilds its row objects.
 */
const GridRow = memo(
  function GridRow({
    id,
    index,
    top,
    row,
    tableRow,
    selected,
    active,
    canSelect,
    loadingText,
    selectLabel,
    onClick,
    onToggle,
  }: RowProps) {
    const className = [
      'client-grid__row',
      active && 'client-grid__row--active',
      selected && 'client-grid__row--selected',
      row === null && 'client-grid__row--placeholder',
    ]
      .filter(Boolean)
      .join(' ');
    return (
      <div
        id={id}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={canSelect && row ? selected : undefined}
        aria-busy={row === null || undefined}
        className={className}
        style={{ transform: `translateY(${top}px)` }}
        onClick={(e) => onClick(index, e)}
        data-testid="client-row"
        data-client-id={row?.id}
        data-index={index}
      >
        {canSelect && (
          <div role="gridcell" className="client-grid__cell client-grid__cell--select">
            {row && (
              <input
                type="checkbox"
                className="check"
                tabIndex={-1}
                aria-label={selectLabel}
                checked={selected}
                onChange={() => onToggle(row.id)}
                data-testid="client-select"
              />
            )}
          </div>
        )}
        {row === null ? (
          <div role="gridcell" className="client-grid__cell client-grid__cell--loading">
            <span className="visually-hidden">{loadingText}</span>
            <span className="client-grid__skeleton" aria-hidden="true" />
          </div>
        ) : (
          tableRow.getVisibleCells().map((cell) => (
            <div
              key={cell.id}
              role={cell.column.id === 'name' ? 'rowheader' : 'gridcell'}
              className={`client-grid__cell client-grid__cell--${cell.column.id}`}
            >
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </div>
          ))
        )}
      </div>
    );
  },
  (a, b) =>
    a.row === b.row &&
    a.index === b.index &&
    a.top === b.top &&
    a.selected === b.selected &&
    a.active === b.active &&
    a.canSelect === b.canSelect &&
    a.columns === b.columns &&
    a.id === b.id &&
    a.loadingText === b.loadingText &&
    a.selectLabel === b.selectLabel &&
    a.onClick === b.onClick &&
    a.onToggle === b.onToggle,
);

// Cells are plain render functions (no hooks): a fast scroll draws a few dozen new rows per frame.

function Text({
  value,
  mono,
  muted,
  numeric,
}: {
  value: string | null;
  mono?: boolean;
  muted?: boolean;
  numeric?: boolean;
}) {
  if (!value) return <span className="client-grid__none">—</span>;
  const className = [
    'client-grid__ellipsis',
    mono && 'client-grid__mono',
    numeric && 'client-grid__numeric',
    muted && 'muted',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <span className={className} title={value}>
      {value}
    </span>
  );
}

/** A looked-up name (a rep, a segment); muted where the client has none. */
function NamedText({ id, name }: { id: string | null; name: (id: string | null) => string }) {
  return <Text value={name(id)} muted={id === null} />;
}

interface CellTexts {
  chain: string;
  chainLabel: (name: string) => string;
  flag: (flag: QualityFlag) => string;
  number: (n: number) => string;
}

function NameCell({
  row,
  texts,
  onShowParent,
}: {
  row: ClientRow | null;
  texts: CellTexts;
  onShowParent: (row: ClientRow) => void;
}) {
  if (!row) return null;
  return (
    <span className="client-grid__name">
      <a
        className="client-grid__ellipsis client-grid__link"
        href={formatHash(clientCardRoute(row.id))}
        tabIndex={-1}
        title={row.name}
        data-testid="client-link"
      >
        {row.name}
      </a>
      {row.parentId && (
        <button
          type="button"
          className="client-grid__chain"
          tabIndex={-1}
          aria-label={texts.chainLabel(row.name)}
          title={texts.chain}
          onClick={() => onShowParent(row)}
          data-testid="client-chain"
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path
              d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 013.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 01-3.5-3.5L5.5 8"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
              strokeLinecap="round"
            />
          </svg>
        </button>
      )}
    </span>
  );
}

/**
 * A client's data-quality gaps: a warning badge with their number in a narrow table, the first
 * gap's name (and "+N") where the table has room; every name in the tooltip and for screen readers.
 */
function Flags({ flags, texts }: { flags: readonly QualityFlag[]; texts: CellTexts }) {
  if (!flags.length) return null;
  const all = flags.map(texts.flag);
  const rest = flags.length - 1;
  return (
    <span
      className="client-flags"
      title={all.join('\n')}
      data-testid="client-flags"
      data-count={flags.length}
    >
      <span className="client-flag client-flag--count" aria-hidden="true">
        <svg viewBox="0 0 16 16" width="12" height="12" focusable="false">
          <path d="M8 1.5l7 12.5H1L8 1.5z" fill="currentColor" />
          <path d="M8 6v4M8 11.6v.4" stroke="#fffaeb" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        {texts.number(flags.length)}
      </span>
      <span className="client-flag client-flag--name client-grid__ellipsis" aria-hidden="true">
        {all[0]}
      </span>
      {rest > 0 && (
        <span className="client-flag client-flag--more" aria-hidden="true">
          +{texts.number(rest)}
        </span>
      )}
      <span className="visually-hidden">{all.join(', ')}</span>
    </span>
  );
}
