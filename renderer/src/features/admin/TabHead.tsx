import type { ReactNode } from 'react';

/** The top of an admin tab: its name for screen readers (the tab shows it), what it is for, its main action. */
export function TabHead({ title, intro, actions }: { title: string; intro: string; actions?: ReactNode }) {
  return (
    <div className="tab-head">
      <div>
        <h2 className="visually-hidden">{title}</h2>
        <p className="tab-head__intro">{intro}</p>
      </div>
      {actions && <div className="tab-head__actions">{actions}</div>}
    </div>
  );
}
