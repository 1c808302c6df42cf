import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { LiveStatus, useAnnouncer } from '../../components/LiveStatus';
import { PageHeader } from '../../components/PageHeader';

/** What the shell needs of an import's store: the file, and what it loads when the screen opens. */
interface ShellState {
  upload: unknown;
  connect: () => () => void;
  loadPresets: () => Promise<void>;
  loadHistory: () => Promise<void>;
}

type Announce = (m: string | null) => void;

/**
 * The screen of a mapped import (clients, orders): its header and rules, one live region for what
 * the steps announce, the file step, the mapping and check steps once a file is read, and the
 * history. It subscribes to the core's progress and loads presets and history on mount; each import
 * brings its own steps and words.
 */
export function MappedImportScreen<S extends ShellState>({
  store,
  className,
  testId,
  statusTestId,
  title,
  intro,
  rulesTitle,
  rules,
  file,
  steps,
  history,
}: {
  store: StoreApi<S>;
  className: string;
  testId: string;
  statusTestId: string;
  title: string;
  intro: string;
  rulesTitle: string;
  rules: readonly string[];
  file: ReactNode;
  /** The mapping and check steps, shown once a file is read. */
  steps: (announce: Announce) => ReactNode;
  history: (announce: Announce) => ReactNode;
}) {
  const [message, announce] = useAnnouncer();
  const hasUpload = useStore(store, (s) => s.upload !== null);

  useEffect(() => {
    const off = store.getState().connect();
    void store.getState().loadPresets();
    void store.getState().loadHistory();
    return off;
  }, [store]);

  return (
    <section className={className} data-testid={testId}>
      <PageHeader title={title} intro={intro} />
      <div className="client-import__rules">
        <h2 className="client-import__rules-title">{rulesTitle}</h2>
        <ul>
          {rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
      <LiveStatus message={message} testId={statusTestId} />

      {file}
      {hasUpload && steps(announce)}
      {history(announce)}
    </section>
  );
}
