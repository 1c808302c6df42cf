import { describe, expect, it } from 'vitest';
import { createNavStore } from './nav.store';
import type { HashWindow } from './nav.store';

/** A window whose hash can be typed into, as a user would, firing hashchange. */
function fakeWindow(hash: string) {
  const listeners = new Set<() => void>();
  const replaced: string[] = [];
  const win = {
    location: { hash, pathname: '/', search: '' },
    history: {
      replaceState: (_d: unknown, _t: string, url?: string | URL | null) => {
        replaced.push(String(url));
        win.location.hash = String(url).replace(/^[^#]*/, '');
      },
    },
    addEventListener: (_type: string, l: () => void) => void listeners.add(l),
    removeEventListener: (_type: string, l: () => void) => void listeners.delete(l),
  };
  const type = (h: string) => {
    win.location.hash = h;
    for (const l of [...listeners]) l();
  };
  return { win: win as unknown as HashWindow, type, replaced, listeners };
}

describe('nav store', () => {
  it('opens the screen the hash names, so a reload stays put', () => {
    const { win } = fakeWindow('#/admin/backups');
    expect(createNavStore(win).getState().route).toEqual({ section: 'admin', tab: 'backups' });
  });

  it('opens Home for an unknown hash; the shell makes the address say so, without a history entry', () => {
    const { win, replaced } = fakeWindow('#/nowhere');
    const nav = createNavStore(win);
    expect(nav.getState().route).toEqual({ section: 'home' });
    // First run and sign-in leave the address alone.
    expect(replaced).toEqual([]);
    nav.getState().syncAddress();
    expect(replaced).toEqual(['/#/home']);
    nav.getState().syncAddress();
    expect(replaced).toHaveLength(1);
  });

  it('writes the hash on navigate and follows hash changes (back, forward, typing)', () => {
    const f = fakeWindow('#/home');
    const nav = createNavStore(f.win);
    const stop = nav.getState().start();
    nav.getState().navigate({ section: 'settings' });
    expect(f.win.location.hash).toBe('#/settings');
    f.type('#/admin/teams');
    expect(nav.getState().route).toEqual({ section: 'admin', tab: 'teams' });
    stop();
    expect(f.listeners.size).toBe(0);
    f.type('#/clients');
    expect(nav.getState().route).toEqual({ section: 'admin', tab: 'teams' });
  });
});
