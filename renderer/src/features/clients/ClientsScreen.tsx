import type { PublicUser } from '../../../../shared/contract/users.schema';
import type { ClientsView } from '../../shell/routes';
import { ClientCardScreen } from './card/ClientCardScreen';
import { ClientsTabs } from './ClientsTabs';
import { ClientListScreen } from './list/ClientListScreen';
import { QueueScreen } from './queue/QueueScreen';

/**
 * The client base: the list, one client's card, or the queue. The operator and the admin work
 * the office's queue (tabs above the list and the queue); a rep or a manager finds the correction
 * requests they filed at the queue's address.
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
  }
}
