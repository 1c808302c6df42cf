import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** Text under the title. */
  intro?: ReactNode;
  /** Buttons on the right. */
  actions?: ReactNode;
}

/**
 * The screen's one h1. The shell moves focus here when a screen opens (data-page-title), so a
 * screen reader announces where the user landed and Tab continues from the top of the screen.
 */
export function PageHeader({ title, intro, actions }: Props) {
  return (
    <header className="page__header">
      <div className="page__heading">
        <h1 className="page__title" tabIndex={-1} data-page-title>
          {title}
        </h1>
        {intro && <p className="page__intro">{intro}</p>}
      </div>
      {actions && <div className="page__actions">{actions}</div>}
    </header>
  );
}
