import type { PublicUser } from '../../../../shared/contract/users.schema';
import type { ClientsView } from '../../shell/routes';
import { MailingListScreen } from '../exports/mailing-list/MailingListScreen';
import { OrdersImportScreen } from '../orders/OrdersImportScreen';
import { ClientCardScreen } from './card/ClientCardScreen';
import { ClientsTabs } from './ClientsTabs';
import { DuplicatesScreen } from './duplicates/DuplicatesScreen';
import { ImportScreen } from './import/ImportScreen';
import { ClientListScreen } from './list/ClientListScreen';
import { QueueScreen } from './queue/QueueScreen';

/**
 * The client base: the list, one client's card, the queue, or the scan for duplicates. The
 * operator and the admin work the office's queue and the duplicates (tabs above the list, the
 * queue and the duplicates); a rep or a manager finds the correction requests they filed at the
 * queue's address, and the duplicates' address sends them to the list.
 */
export function ClientsScreen({ view, user }: { view: ClientsView; user: PublicUser }) {
  const worksQueue = user.role === 'operator' || user.role === 'admin';
  switch (view.view) {
    case 'list':
      return (
        <>
          {worksQueue && <ClientsTabs current="list" />}
          <ClientListScreen />
        </>
      );
    case 'card':
      return <ClientCardScreen clientId={view.clientId} />;
    case 'queue':
      return (
        <>
          {worksQueue && <ClientsTabs current="queue" />}
          <QueueScreen scope={worksQueue ? 'office' : 'mine'} />
        </>
      );
    case 'duplicates':
      // The core refuses the scan to reps and managers; they get the list instead.
      return worksQueue ? (
        <>
          <ClientsTabs current="duplicates" />
          <DuplicatesScreen />
        </>
      ) : (
        <ClientListScreen />
      );
    case 'import':
      // Imports are the operator's (the core refuses them to others).
      return worksQueue ? (
        <>
          <ClientsTabs current="import" />
          <ImportScreen />
        </>
      ) : (
        <ClientListScreen />
      );
    case 'ordersImport':
      // Orders imports are the operator's and the admin's too (the core refuses them to others).
      return worksQueue ? (
        <>
          <ClientsTabs current="ordersImport" />
          <OrdersImportScreen />
        </>
      ) : (
        <ClientListScreen />
      );
    case 'mailingList':
      // The operator and the admin reach it by a tab; a manager (no tabs) by a link on the client
      // list, for their team's clients. A rep has no mailing list (the core refuses it): the list.
      return worksQueue ? (
        <>
          <ClientsTabs current="mailingList" />
          <MailingListScreen />
        </>
      ) : user.role === 'manager' ? (
        <MailingListScreen />
      ) : (
        <ClientListScreen />
      );
  }
}
