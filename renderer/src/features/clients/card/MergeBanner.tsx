import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { MergeOut } from '../../../../../shared/contract/clients.schema';
import { useAppStore, useServices, useSessionStore } from '../../../app/app-context';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { formatDateTime } from '../../../i18n/format';
import { clientCardRoute, formatHash } from '../../../shell/routes';
import { KeptList } from '../duplicates/KeptList';
import { activeMerges, createMergeBannerStore } from '../duplicates/merge.store';
import { useCardLookups } from './use-card-lookups';
import './MergeBanner.css';

/**
 * The merges a client took part in, at the top of its card: "merged with … on … by …" with an
 * Undo (operator and admin; the core refuses others anyway) on the client that stayed, and "merged
 * into …" with a link on the archived one. After an undo it says what kept its newer value; the
 * card itself refetches on the core's data:changed.
 */
export function MergeBanner({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation('duplicates');
  const { api } = useServices();
  const store = useMemo(() => createMergeBannerStore(api, clientId), [api, clientId]);
  const s = useStore(store);
  const role = useSessionStore((x) => x.session?.user?.role);
  const timeZone = useAppStore((x) => x.office?.timeZone ?? 'UTC');
  const lookups = useCardLookups();
  const [confirming, setConfirming] = useState<MergeOut | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const canUndo = role === 'operator' || role === 'admin';

  useEffect(() => {
    void store.getState().load();
    return store.getState().connect();
  }, [store]);

  const { survived, mergedInto } = activeMerges(s.merges, clientId);
  const undone = s.undone;
  if (!survived.length && !mergedInto && !undone) return null;

  const undo = async (m: MergeOut) => {
    await store.getState().undo(m.id);
    setConfirming(null);
    // The button is gone with the merge: the keyboard goes to the report of what happened.
    setTimeout(() => resultRef.current?.focus(), 0);
  };

  return (
    <div className="merge-banner" data-testid="merge-banner">
      {mergedInto && (
        <p className="merge-banner__line" data-testid="merge-banner-merged-into">
          {t('banner.merged_into')}{' '}
          <a href={formatHash(clientCardRoute(mergedInto.survivorId))} data-testid="merge-banner-survivor">
            {mergedInto.survivorName}
          </a>
          .
        </p>
      )}
      {survived.map((m) => (
        <div
          key={m.id}
          className="merge-banner__line"
          data-testid="merge-banner-survived"
          data-merge-id={m.id}
        >
          <span>
            {t('banner.survived', {
              name: m.mergedName,
              date: formatDateTime(m.at, i18n.language, timeZone),
              who: lookups.userName(m.by) ?? t('banner.unknown_user'),
            })}
          </span>
          {canUndo && (
            <button
              type="button"
              className="button"
              onClick={() => setConfirming(m)}
              disabled={s.undoing !== null}
              data-testid="merge-banner-undo"
            >
              {s.undoing === m.id ? t('banner.undoing') : t('banner.undo')}
            </button>
          )}
        </div>
      ))}
      {undone && (
        <div className="merge-banner__result" ref={resultRef} tabIndex={-1} data-testid="merge-banner-undone">
          <p className="merge-banner__line" role="status">
            {t('banner.undone', { name: undone.merge.mergedName })}
          </p>
          <KeptList kept={undone.kept} />
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('banner.undo_title')}
          confirmLabel={t('banner.undo')}
          busyLabel={t('banner.undoing')}
          onConfirm={() => undo(confirming)}
          onClose={() => setConfirming(null)}
          testId="merge-undo-confirm"
        >
          <p>{t('banner.undo_text', { merged: confirming.mergedName })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
