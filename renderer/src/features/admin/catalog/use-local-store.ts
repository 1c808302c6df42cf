import { useEffect, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { RegioApi } from '../../../api/regio-api';
import { useServices } from '../../../app/app-context';

/** A store owned by one screen: made from the app's api on mount, listening to the core while shown. */
export function useLocalStore<S extends { connect: () => () => void }>(
  make: (api: RegioApi) => StoreApi<S>,
  /** A store made by the caller (a test that prepared its state). */
  given?: StoreApi<S>,
): StoreApi<S> {
  const { api } = useServices();
  const [store] = useState(() => given ?? make(api));
  useEffect(() => store.getState().connect(), [store]);
  return store;
}
