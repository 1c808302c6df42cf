import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/contract/users.schema';
import { Dialog } from '../components/Dialog';
import { canOpen, SECTIONS } from './routes';

/** Every shortcut the app knows, for the sections this role can open. */
export function ShortcutsDialog({ role, onClose }: { role: Role; onClose: () => void }) {
  const { t } = useTranslation(['shell', 'common']);
  const rows: Array<[keys: string[], action: string]> = [
    ...SECTIONS.flatMap((s, i): Array<[string[], string]> =>
      canOpen(s, role) ? [[['Alt', String(i + 1)], t('shortcuts.go_to', { section: t(`nav.${s}`) })]] : [],
    ),
    [['?'], t('shortcuts.help')],
    [['Esc'], t('shortcuts.close')],
    [['Enter'], t('shortcuts.submit')],
    [['Tab'], t('shortcuts.move')],
    [['Ctrl', 'Enter'], t('shortcuts.multiline')],
  ];
  // The client screens' own keys (handled by those screens, listed here so they can be found).
  const privileged = role === 'operator' || role === 'admin';
  const clientRows: Array<[keys: string[], action: string]> = [
    [['/'], t('shortcuts.search')],
    ...(privileged ? [[['Alt', 'N'], t('shortcuts.new_client')] as [string[], string]] : []),
    [['↑', '↓'], t('shortcuts.rows')],
    ...(role !== 'rep' ? [[['Shift', '↑ ↓'], t('shortcuts.rows_select')] as [string[], string]] : []),
    [['P'], t('shortcuts.outlets')],
    ...(privileged ? [[['Alt', 'E'], t('shortcuts.edit_client')] as [string[], string]] : []),
    [['Alt', 'K'], t('shortcuts.new_contact')],
    [['J', 'K'], t('shortcuts.queue_move')],
  ];
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} testId="shortcuts-dialog">
      <p className="dialog__body">{t('shortcuts.intro')}</p>
      <ShortcutTable rows={rows} />
      <h3 className="shortcuts__group">{t('shortcuts.clients_title')}</h3>
      <ShortcutTable rows={clientRows} testId="shortcuts-clients" />
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
          {t('common:actions.close')}
        </button>
      </div>
    </Dialog>
  );
}

function ShortcutTable({ rows, testId }: { rows: Array<[keys: string[], action: string]>; testId?: string }) {
  const { t } = useTranslation('shell');
  return (
    <table className="table table--compact shortcuts" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('shortcuts.col_keys')}</th>
          <th scope="col">{t('shortcuts.col_action')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([keys, action]) => (
          <tr key={action}>
            <td className="shortcuts__keys">
              {keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' + '}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </td>
            <td>{action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
