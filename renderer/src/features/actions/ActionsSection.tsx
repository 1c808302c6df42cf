import type { PublicUser } from '../../../../shared/contract/users.schema';
import type { ActionsView } from '../../shell/routes';
import { ActionScreen } from './action/ActionScreen';
import { ActionsListScreen } from './list/ActionsListScreen';
import { ActionWizard } from './wizard/ActionWizard';
import { BudgetScreen } from './budget/BudgetScreen';

/** Local actions (issue 7): the list, the registration wizard, the budget and one action. */
export function ActionsSection({ view, user }: { view: ActionsView; user: PublicUser }) {
  switch (view.view) {
    case 'list':
      return <ActionsListScreen user={user} />;
    case 'new':
      return <ActionWizard user={user} />;
    case 'budget':
      return <BudgetScreen user={user} />;
    case 'action':
      return <ActionScreen actionId={view.actionId} user={user} />;
  }
}
