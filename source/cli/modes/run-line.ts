import type {SyncRun} from '../../census/types.js';
import {formatCountFull, formatDuration, isoSeconds} from '../../text/format.js';
import {runDurationMs, runProgress, runStepPlace} from '../../runs/run-figures.js';
import {sanitizeText} from '../../text/sanitize.js';
import {isMovingPhase, runPhase, statusWord, type RunPhase} from '../../runs/status.js';
import {STEP_COUNT} from '../../runs/steps.js';
import {truncateToWidth} from '../../text/text.js';

// One plain line for a run, for output that is not a terminal UI (a pipe, a log, CI):
//   2026-11-29T14:03:22Z run 8123 Users → Salesforce Contacts (sync 101): working, step 4/7 Unloading data from warehouse, 12,000/50,000 records sent
// It starts with a UTC time so that a log reads on its own, and every piece from the API is sanitised and
// cut, so a hostile label or error message can neither move the cursor nor flood a log line.

export type RunLineInput = {
	id: number;
	run: SyncRun | null;
	notFound: boolean;
	/** The sync's label as the API gave it (sanitised here), when known. */
	syncLabel: string | null;
	/** When the state was seen (epoch ms). */
	at: number;
};

const MAX_LABEL_WIDTH = 60;
const MAX_STEP_WIDTH = 60;
const MAX_ERROR_WIDTH = 160;

// Messages often wrap with a line break and indentation; on one line that is just one space.
const clean = (text: string | null, width: number): string => truncateToWidth(sanitizeText(text).replaceAll(/ {2,}/g, ' ').trim(), width);

function subject(input: RunLineInput): string {
	if (input.run === null || input.notFound) return `run ${input.id}`;
	const label = clean(input.syncLabel, MAX_LABEL_WIDTH);
	const sync = `sync ${input.run.syncId}`;
	return label === '' ? `run ${input.id} (${sync})` : `run ${input.id} ${label} (${sync})`;
}

function stepText(run: SyncRun, phase: RunPhase): string | null {
	const place = runStepPlace(run, phase);
	switch (place.kind) {
		case 'ordered': {
			return `step ${place.step.index}/${STEP_COUNT} ${place.step.name}`;
		}

		case 'generic': {
			return place.name;
		}

		case 'unknown': {
			return `step ${truncateToWidth(place.name, MAX_STEP_WIDTH)}`;
		}

		case 'done':
		case 'none': {
			return null;
		}
	}
}

/** Records processed of the records to send (source updates + deletes), and how many the destination rejected. */
function recordsText(run: SyncRun, phase: RunPhase): string | null {
	const {processed, toSend, failed} = runProgress(run, phase);
	let text: string | null = null;
	if (processed !== null && toSend !== null) text = `${formatCountFull(processed)}/${formatCountFull(toSend)} records sent`;
	else if (processed !== null) text = `${formatCountFull(processed)} records sent`;
	else if (toSend !== null) text = `${formatCountFull(toSend)} records to send`;
	const rejected = failed !== null && failed > 0 ? `${formatCountFull(failed)} rejected` : null;
	return [text, rejected].filter(part => part !== null).join(', ') || null;
}

/** The run's fixed duration once it no longer moves (to updated_at when completed_at is null). */
function durationText(run: SyncRun, phase: RunPhase): string | null {
	if (isMovingPhase(phase)) return null;
	const duration = runDurationMs(run, phase, 0);
	return duration === null ? null : formatDuration(duration);
}

function errorText(run: SyncRun): string | null {
	const code = clean(run.errorCode, MAX_LABEL_WIDTH);
	const message = clean(run.errorMessage, MAX_ERROR_WIDTH);
	if (code === '' && message === '') return null;
	return `error ${[code, message].filter(part => part !== '').join(': ')}`;
}

function details(run: SyncRun): string {
	const phase = runPhase(run);
	const word = statusWord(run);
	const duration = durationText(run, phase);
	const parts: Array<string | null> = [];
	if (isMovingPhase(phase) || phase === 'unknown') {
		parts.push(word, stepText(run, phase), recordsText(run, phase));
	} else if (phase === 'completed') {
		parts.push(duration === null ? word : `${word} in ${duration}`, recordsText(run, phase));
	} else {
		// "Running sync" is what finished runs say; it tells nothing about where a failure happened.
		const step = stepText(run, phase);
		const head = [word, step === null ? null : `at ${step}`, duration === null ? null : `after ${duration}`];
		parts.push(head.filter(part => part !== null).join(' '), recordsText(run, phase), errorText(run));
	}

	return parts.filter(part => part !== null).join(', ');
}

/** The line for a run; see the top of this file. */
export function runLine(input: RunLineInput): string {
	const head = `${isoSeconds(input.at)} ${subject(input)}`;
	if (input.notFound) return `${head}: not found`;
	if (input.run === null) return `${head}: waiting for its first answer`;
	return `${head}: ${details(input.run)}`;
}
