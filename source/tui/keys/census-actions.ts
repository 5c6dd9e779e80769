import type {ConfirmAction} from '../../store/ui-store.js';
import {sanitizeText} from '../../text/sanitize.js';
import {isMovingPhase, runPhase, statusWord} from '../../runs/status.js';
import type {KeyAction} from './keymap.js';
import {say, selectedEntry, selectedSync, type KeyHandler, type KeyHandlerDeps} from './key-deps.js';

// Keys that reach Census or the browser: t and T trigger, c cancels (each asks y/N first), o opens the
// run in the web app. Read-only mode and an ended run are the keymap's off-rules, checked before these run.

/** An error as one line: API text is untrusted and often wrapped and indented. */
const reasonOf = (error: unknown): string =>
	sanitizeText(error instanceof Error ? error.message : String(error))
		.replaceAll(/ {2,}/g, ' ')
		.trim();

function askTrigger(deps: KeyHandlerDeps, fullSync: boolean) {
	const sync = selectedSync(deps);
	if (sync === null) return;
	const what = fullSync ? 'a full sync' : 'a run';
	deps.ui.getState().askConfirm({kind: 'trigger', syncId: sync.syncId, fullSync}, `Trigger ${what} of sync ${sync.syncId}${sync.label}? y/N`);
}

function askCancel(deps: KeyHandlerDeps) {
	const entry = selectedEntry(deps);
	if (entry === null) return;
	const phase = runPhase(entry.run, entry.notFound);
	if (entry.run === null && !entry.notFound) {
		say(deps, `run ${entry.id} has not been loaded yet; nothing to cancel`);
	} else if (isMovingPhase(phase)) {
		deps.ui.getState().askConfirm({kind: 'cancel', runId: entry.id}, `Cancel run ${entry.id} (${statusWord(entry.run)})? y/N`);
	} else {
		say(deps, `run ${entry.id} is ${statusWord(entry.run, entry.notFound)}, not queued or working; nothing to cancel`);
	}
}

function openWeb(deps: KeyHandlerDeps) {
	const sync = selectedSync(deps);
	if (sync === null) return;
	const {runId} = sync;
	const url = deps.webUrl?.(runId, sync.syncId) ?? null;
	if (url === null) {
		say(deps, `no web-app link can be made for run ${runId}`);
		return;
	}

	const showLink = () => {
		deps.ui.getState().showMessage(`run ${runId} in the Census web app (no local browser here):`, 'info', url);
	};

	if (deps.actions.openUrl === undefined) {
		showLink();
		return;
	}

	deps.actions.openUrl(url).then(
		opened => {
			if (opened) say(deps, `opened run ${runId} in the browser`);
			else showLink();
		},
		showLink,
	);
}

/** y to a trigger or cancel question: the request leaves here. */
export function sendConfirmed(deps: KeyHandlerDeps, action: Exclude<ConfirmAction, {kind: 'unfollow'}>) {
	// Never asked in read-only mode; checked again here because this is where the request leaves.
	if (deps.readOnly) return;
	if (action.kind === 'trigger') {
		const {syncId, fullSync} = action;
		say(deps, `triggering ${fullSync ? 'a full sync' : 'a run'} of sync ${syncId}`);
		deps.actions.trigger(syncId, fullSync).then(
			runId => {
				deps.ui.getState().select(runId);
				say(deps, `triggered run ${runId} of sync ${syncId}${fullSync ? ' (full sync)' : ''}`);
			},
			(error: unknown) => {
				say(deps, `trigger of sync ${syncId} failed: ${reasonOf(error)}`, 'error');
			},
		);
		return;
	}

	const {runId} = action;
	say(deps, `canceling run ${runId}`);
	deps.actions.cancel(runId).then(
		() => {
			say(deps, `canceled run ${runId}`);
		},
		(error: unknown) => {
			say(deps, `cancel of run ${runId} failed: ${reasonOf(error)}`, 'error');
		},
	);
}

export const censusActionKeys: Partial<Record<KeyAction, KeyHandler>> = {
	trigger: deps => askTrigger(deps, false),
	'trigger-full': deps => askTrigger(deps, true),
	'cancel-run': askCancel,
	'open-web': openWeb,
};
