import type {SyncRun} from '../census/types.js';
import {formatCountFull} from '../text/format.js';
import {hasRejections, isTerminalPhase, runPhase, type RunPhase} from '../runs/status.js';
import {bell, inTmux, osc777Notify, osc9Notify, wrapForTmux, type Env} from '../terminal/terminal-sequences.js';
import type {RunStoreApi, RunStoreState} from '../store/run-store.js';
import type {NotifyWhen} from './flags.js';
import {syncDisplayLabel} from '../runs/sync-label.js';

// Someone watching on another window or monitor should notice when a run ends: the bell (which tmux and
// most terminals turn into an urgency hint) and a desktop notification through OSC 9 and OSC 777, which
// travel over SSH as plain bytes. Only endings seen while watching count: a run must have been seen
// moving first, so a launch over a page of old failures stays quiet, and each run notifies at most once
// even if the API later flaps between statuses.

export type NotifierOptions = {
	mode: NotifyWhen;
	/** Receives one string per notification: the bell and both notification sequences. */
	write(sequence: string): void;
	env: Env;
	/** How many notified run ids are remembered to keep "once per run" (oldest forgotten first). */
	maxRemembered?: number;
};

export type Notifier = {
	/** Compares with the last state seen and notifies for each watched run that has just ended. */
	update(state: Pick<RunStoreState, 'runs' | 'syncs'>): void;
};

const DEFAULT_MAX_REMEMBERED = 1000;
const TITLE = 'census-watch';

/** Under `failures`: a failed run, or a completed one whose destination rejected records. */
function worthNotifying(mode: NotifyWhen, phase: RunPhase, run: SyncRun): boolean {
	if (mode === 'none') return false;
	if (mode === 'all') return isTerminalPhase(phase);
	return phase === 'failed' || hasRejections(run);
}

function headline(run: SyncRun, phase: RunPhase): string {
	if (phase === 'failed') {
		return run.errorCode === null || run.errorCode.trim() === '' ? `run ${run.id} failed` : `run ${run.id} failed (${run.errorCode})`;
	}

	if (hasRejections(run)) return `run ${run.id} completed, ${formatCountFull(run.recordsFailed)} records rejected`;
	return `run ${run.id} ${phase}`;
}

/** The notification's text (sanitised by the sequence builders): what happened, then which sync. */
function notificationBody(run: SyncRun, phase: RunPhase, syncs: RunStoreState['syncs']): string {
	return `${headline(run, phase)}: ${syncDisplayLabel(syncs, run.syncId)} (sync ${run.syncId})`;
}

export function createNotifier(options: NotifierOptions): Notifier {
	const maxRemembered = options.maxRemembered ?? DEFAULT_MAX_REMEMBERED;
	// The OSC sequences need tmux's passthrough wrapper to reach the outer terminal; the bell does not:
	// tmux acts on it itself (bell-action, the window's bell flag).
	const wrap = inTmux(options.env) ? wrapForTmux : (sequence: string) => sequence;
	let moving = new Set<number>();
	const notified = new Set<number>();
	let lastRuns: RunStoreState['runs'] | null = null;

	const remember = (id: number): void => {
		notified.add(id);
		if (notified.size <= maxRemembered) return;
		const oldest = notified.values().next();
		if (oldest.done !== true) notified.delete(oldest.value);
	};

	return {
		update(state) {
			if (state.runs === lastRuns) return;
			lastRuns = state.runs;
			const stillMoving = new Set<number>();
			for (const entry of Object.values(state.runs)) {
				const {run} = entry;
				if (run === null) continue;
				const phase = runPhase(run, entry.notFound);
				if (phase === 'not_found') continue;
				// A status this app does not know is still going, as the contract says: it may yet end.
				if (!isTerminalPhase(phase)) {
					stillMoving.add(run.id);
					continue;
				}

				if (!moving.has(run.id) || notified.has(run.id)) continue;
				remember(run.id);
				if (!worthNotifying(options.mode, phase, run)) continue;
				const body = notificationBody(run, phase, state.syncs);
				options.write(bell() + wrap(osc9Notify(body)) + wrap(osc777Notify(TITLE, body)));
			}

			moving = stillMoving;
		},
	};
}

/** Feeds the store's current state and every change to the notifier; returns the unsubscribe function. */
export function attachNotifier(store: RunStoreApi, notifier: Notifier): () => void {
	notifier.update(store.getState());
	return store.subscribe(state => {
		notifier.update(state);
	});
}
