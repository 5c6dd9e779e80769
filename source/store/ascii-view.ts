import {toAscii} from '../text/ascii.js';
import type {RunStoreApi, RunStoreState} from './run-store.js';

// --ascii: the screen reads the run store through this view, in which every text the API sent (labels,
// statuses, steps, error codes, messages and details, notices, health messages) is readable ASCII, so that
// it is laid out as what will be drawn. Unchanged objects map to the same objects (a per-view cache), so
// per-row selectors still see only the rows that changed. Actions act on the real store.

const KEEP_AS_IS = new Set(['raw']);

function mapStrings(value: unknown, cache: WeakMap<object, unknown>): unknown {
	if (typeof value === 'string') return toAscii(value);
	if (value === null || typeof value !== 'object') return value;
	const cached = cache.get(value);
	if (cached !== undefined) return cached;
	const mapped = Array.isArray(value)
		? value.map(item => mapStrings(item, cache))
		: Object.fromEntries(Object.entries(value).map(([key, item]) => [key, KEEP_AS_IS.has(key) ? item : mapStrings(item, cache)]));
	cache.set(value, mapped);
	return mapped;
}

export function asciiView(source: RunStoreApi): RunStoreApi {
	const cache = new WeakMap<object, unknown>();
	const transform = (state: ReturnType<RunStoreApi['getState']>) => ({
		...state,
		runs: mapStrings(state.runs, cache) as RunStoreState['runs'],
		syncs: mapStrings(state.syncs, cache) as RunStoreState['syncs'],
		notices: mapStrings(state.notices, cache) as RunStoreState['notices'],
		health: mapStrings(state.health, cache) as RunStoreState['health'],
	});
	let from = source.getState();
	let mapped = transform(from);
	const current = () => {
		const now = source.getState();
		if (now !== from) {
			from = now;
			mapped = transform(now);
		}

		return mapped;
	};

	return {
		getState: current,
		getInitialState: () => source.getInitialState(),
		setState: source.setState,
		subscribe(listener) {
			let previous = current();
			return source.subscribe(() => {
				const next = current();
				const before = previous;
				previous = next;
				if (next !== before) listener(next, before);
			});
		},
	};
}
