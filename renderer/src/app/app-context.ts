import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { RegioApi } from '../api/regio-api';
import type { AppState } from './app.store';

// The api and the app store come through context, not module singletons, so a test can render a
// screen against the fake api without touching globals.

export interface AppServices {
  api: RegioApi;
  store: StoreApi<AppState>;
}

export const AppServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const s = useContext(AppServicesContext);
  if (!s) throw new Error('AppServicesContext is missing: render inside <AppServicesContext value={…}>');
  return s;
}

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useServices().store, selector);
}
