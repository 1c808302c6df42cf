import { useCallback, useState } from 'react';

/**
 * A polite live region that is always in the page (screen readers announce changes to a region
 * they already know, not a region that appears with its text), showing the last success message.
 */
export function LiveStatus({ message, testId }: { message: string | null; testId?: string }) {
  return (
    <p className="notice notice--success" role="status" data-testid={testId}>
      {message ?? ''}
    </p>
  );
}

/** The message of the last thing that went well, replaced by the next. */
export function useAnnouncer(): [string | null, (message: string | null) => void] {
  const [message, setMessage] = useState<string | null>(null);
  const announce = useCallback((m: string | null) => setMessage(m), []);
  return [message, announce];
}
