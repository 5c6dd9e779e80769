import {formatClock} from '../../text/format.js';
import type {QuickFilter} from '../../runs/run-filter.js';
import {sanitizeText} from '../../text/sanitize.js';
import type {KeyAction} from './keymap.js';
import {say, type KeyHandler, type KeyHandlerDeps} from './key-deps.js';

// How the list is shown (filter, status, sort, zoom, time zone) and the keys that work everywhere:
// refresh, pause, quit.

const quick =
	(filter: QuickFilter): KeyHandler =>
	deps => {
		deps.ui.getState().setQuickFilter(filter);
	};

/** `r` while the API holds requests back: say why, and what is checked now. */
function sayWhyRefreshWaits(deps: KeyHandlerDeps) {
	const {health, paused} = deps.store.getState();
	const now = deps.now?.() ?? Date.now();
	if (health.kind === 'rate_limited' && health.until > now) {
		// In the zone the screen shows times in (`Z`), as the header says it.
		const timeZone = deps.ui.getState().utc ? 'UTC' : deps.localZone;
		say(deps, `rate-limited by the Census API: nothing is sent until ${formatClock(health.until, now, {timeZone})}`);
	} else if (health.kind === 'token_rejected') {
		say(deps, 'checking the token again now');
	} else if (health.kind === 'root_gone') {
		say(deps, `checking ${sanitizeText(health.root)} again now`);
	} else if (paused) {
		// Paused, r still refreshes (once): say so, or a paused screen that moves looks resumed.
		say(deps, 'refreshing once; still paused (p resumes)');
	}
}

export const viewKeys: Partial<Record<KeyAction, KeyHandler>> = {
	filter: deps => deps.ui.getState().startFilter(),
	'quick-all': quick('all'),
	'quick-active': quick('active'),
	'quick-failed': quick('failed'),
	'quick-ended': quick('ended'),
	'quick-cycle': deps => deps.ui.getState().cycleQuickFilter(),
	sort: deps => deps.ui.getState().cycleSort(),
	zoom: deps => deps.ui.getState().toggleZoom(),
	'time-zone'(deps) {
		deps.ui.getState().toggleUtc();
		const local = deps.localZone === undefined ? 'local time' : `local time (${deps.localZone})`;
		say(deps, `times in ${deps.ui.getState().utc ? 'UTC' : local} (Z switches)`);
	},
	refresh(deps) {
		deps.actions.refreshNow();
		sayWhyRefreshWaits(deps);
	},
	pause: deps => deps.actions.setPaused(!deps.store.getState().paused),
	quit: deps => deps.actions.quit(),
};
