import type { Page } from 'playwright-core';

/**
 * Collects what should never happen on a healthy page: console errors, uncaught exceptions, and
 * CSP violations (Chromium logs them as "Refused to …"; the securitypolicyviolation listener catches
 * the ones that are only reported, not logged).
 */
export async function watchPage(page: Page): Promise<{ problems(): Promise<string[]> }> {
  const seen: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' || /Refused to|Content Security Policy/i.test(text))
      seen.push(`console.${m.type()}: ${text}`);
  });
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  // Init scripts are injected through the DevTools protocol, so the page's CSP does not block them.
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return {
    async problems() {
      const csp = page.isClosed()
        ? []
        : await page.evaluate(
            () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
          );
      return [...seen, ...csp.map((v) => `csp: ${v}`)];
    },
  };
}
