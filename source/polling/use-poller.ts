import {useEffect} from 'react';
import type {Poller} from './engine.js';

/** Polls while the component is mounted: starts on mount, stops (aborting what is in flight) on unmount. */
export function usePoller(poller: Poller): void {
	useEffect(() => {
		poller.start();
		return () => {
			poller.stop();
		};
	}, [poller]);
}
