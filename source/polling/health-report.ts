import type {CensusError} from '../census/errors.js';
import {rootGoneText} from '../census/root-gone.js';
import type {RunStoreApi} from '../store/run-store.js';
import {extendStreak, healthAfterFailure, type FailureStreak} from './health.js';
import {targetKey, type Outcome, type SchedulerState, type Target} from './scheduler.js';

// From answers to what the user sees about the connection: the request counters, the header's health,
// the notices that a stop (a rejected token, a gone root) began and ended, and a row's own error. The
// scheduler has already taken the answer in; its state says what the answer meant (a 404 believed, a pause).

export type SettledRequest = {target: Target; outcome: Outcome; error: CensusError | null; at: number};

export type HealthReporter = {
	/** After the scheduler's onResult for this answer: `state` is the scheduler's state after it. */
	report(settled: SettledRequest, state: SchedulerState): void;
};

export type HealthReporterOptions = {
	store: RunStoreApi;
	/** The API root, as the notices name it. */
	baseUrl: string;
	/** How often a rejected token is checked again, as its notice says. */
	authRecheckMs: number;
};

export function createHealthReporter({store, baseUrl, authRecheckMs}: HealthReporterOptions): HealthReporter {
	let failureStreak: FailureStreak | null = null;
	/** The stop being told about on screen (said once per episode), so that its end is told too. */
	let stopShown: 'token' | 'root' | null = null;

	/** The end of a stop told on screen: said once, as the stop was. */
	function announceResumed(state: SchedulerState, at: number): void {
		if (stopShown === null || state.authPaused !== null || state.rootGone !== null) return;
		const text = stopShown === 'token' ? 'The token is accepted again; polling resumed.' : `The Census API at ${baseUrl} answers again; polling resumed.`;
		stopShown = null;
		store.getState().pushNotice('info', text, at);
	}

	function reportRootGone(error: CensusError, state: SchedulerState, at: number): void {
		const current = store.getState();
		const reason = error.rootGone ?? 'no_api';
		current.setHealth({kind: 'root_gone', reason, root: baseUrl, since: state.rootGone?.since ?? at});
		if (stopShown === 'root') return;
		stopShown = 'root';
		current.pushNotice('error', `${rootGoneText(reason, baseUrl)}. Nothing is lost; polling stopped and the API is checked again each minute.`, at);
	}

	function reportTokenRejected(error: CensusError, state: SchedulerState, at: number): void {
		const current = store.getState();
		current.setHealth({kind: 'token_rejected', message: error.message, checkAt: state.authPaused?.checkAt});
		if (stopShown === 'token') return;
		stopShown = 'token';
		const every = Math.round(authRecheckMs / 60_000);
		current.pushNotice('error', `Polling paused: ${error.message}. The token is checked again every ${every} min; r checks now.`, at);
	}

	/** A 403 on one resource: that resource alone stops (its row says so); the others go on. */
	function reportForbidden(target: Target, state: SchedulerState, at: number): void {
		const current = store.getState();
		announceResumed(state, at);
		if (current.health.kind === 'token_rejected') current.setHealth({kind: 'live'});
		if (target.kind === 'run') current.setRunError(target.runId, 'no access (403)');
		if (target.kind === 'sync-runs') current.pushNotice('warn', `Sync ${target.syncId}: no access (403); its runs are not listed.`, at);
		if (target.kind === 'sync-list') current.pushNotice('warn', 'The sync list: no access (403); new syncs are not found.', at);
	}

	function reportNotFound(target: Target, at: number): void {
		const current = store.getState();
		if (target.kind === 'run') current.markNotFound(target.runId, at);
		// Not unfollowed: only the user shrinks the watch list (a 404 the next start does not get brings it back).
		if (target.kind === 'sync-runs' && current.watch.syncIds.includes(target.syncId)) {
			current.pushNotice('warn', `Sync ${target.syncId} was not found (404); it is no longer polled.`, at);
		}
	}

	function reportTransient(target: Target, error: CensusError, state: SchedulerState, at: number): void {
		const current = store.getState();
		if (target.kind === 'run') current.setRunError(target.runId, error.message);
		// A request without an answer while others are answered, and a 4xx (a request this one target got
		// wrong), are that target's trouble, shown on its row; 5xx and malformed answers in a row are the API's.
		if (error.kind === 'server' || error.kind === 'bad_response') failureStreak = extendStreak(failureStreak, error, at);
		if (state.rateLimitUntil > at) return;
		const health = healthAfterFailure(failureStreak, state.unreachable?.since ?? null, error.message);
		if (health !== null) current.setHealth(health);
	}

	function report({target, outcome, error, at}: SettledRequest, state: SchedulerState): void {
		const current = store.getState();
		if (outcome.kind === 'ok') {
			current.countRequest(at, 'ok');
			failureStreak = null;
			current.recordSuccess(at);
			announceResumed(state, at);
			if (state.rateLimitUntil > at) current.setHealth({kind: 'rate_limited', until: state.rateLimitUntil});
			return;
		}

		if (error === null || error.kind === 'aborted') return;
		current.countRequest(at, error.kind === 'rate_limited' ? 'rate_limited' : 'failed');
		switch (error.kind) {
			case 'root_gone':
				reportRootGone(error, state, at);
				return;
			case 'auth':
			case 'insecure':
				if (state.authPaused === null) reportForbidden(target, state, at);
				else reportTokenRejected(error, state, at);
				return;
			case 'rate_limited':
				current.setHealth({kind: 'rate_limited', until: Math.max(state.rateLimitUntil, at)});
				return;
			case 'not_found':
				// Believed only once the root has been shown to work; until then the scheduler checks the root.
				if (state.books[targetKey(target)]?.gone === true) reportNotFound(target, at);
				return;
			default:
				// A refused trigger or cancel is the caller's to show; it says nothing about the connection.
				if (target.kind !== 'action') reportTransient(target, error, state, at);
		}
	}

	return {report};
}
