import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (t: unknown) => t } }));
const { buildMenuTemplate } = await import('./menu');

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
const menu = (label: string, t: MenuItemConstructorOptions[]) => {
  const m = t.find((i) => i.label === label || i.role === label);
  return Array.isArray(m?.submenu) ? m.submenu : [];
};

describe('application menu', () => {
  const base = { appName: 'Regio', platform: 'linux' as const, showAbout: () => {} };

  it('offers reload and DevTools only in development', () => {
    expect(roles(buildMenuTemplate({ ...base, dev: true }))).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
    const prod = roles(buildMenuTemplate({ ...base, dev: false }));
    expect(prod).not.toContain('reload');
    expect(prod).not.toContain('forceReload');
    expect(prod).not.toContain('toggleDevTools');
    expect(prod).toContain('togglefullscreen');
  });

  it('has File → quit and the standard Edit roles so copy and paste work', () => {
    const t = buildMenuTemplate({ ...base, dev: false });
    expect(roles(menu('File', t))).toEqual(['quit']);
    expect(roles(menu('Edit', t))).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    );
    expect(t.map((i) => i.label ?? i.role)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
  });

  it('Help → About calls the about handler', () => {
    const showAbout = vi.fn();
    const about = menu('help', buildMenuTemplate({ ...base, dev: false, showAbout })).find((i) =>
      i.label?.startsWith('About'),
    );
    (about?.click as () => void)();
    expect(showAbout).toHaveBeenCalledOnce();
  });

  it('gets the app menu on macOS', () => {
    const t = buildMenuTemplate({ ...base, platform: 'darwin', dev: false });
    expect(t[0]?.label).toBe('Regio');
    expect(roles(menu('Regio', t))).toContain('quit');
  });
});
