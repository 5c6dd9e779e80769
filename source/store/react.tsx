import {createContext, useContext, type ReactNode} from 'react';
import {useStore} from 'zustand';
import type {RunStore, RunStoreApi} from './run-store.js';

const RunStoreContext = createContext<RunStoreApi | null>(null);

export function RunStoreProvider({store, children}: {store: RunStoreApi; children: ReactNode}) {
	return <RunStoreContext.Provider value={store}>{children}</RunStoreContext.Provider>;
}

export const useRunStoreApi = (): RunStoreApi => {
	const store = useContext(RunStoreContext);
	if (!store) throw new Error('useRunStoreApi outside RunStoreProvider');
	return store;
};

/** Subscribe to one slice; the component re-renders only when the selected value changes (Object.is). */
export const useRunStore = <T,>(selector: (state: RunStore) => T): T => useStore(useRunStoreApi(), selector);
