import type {Sync, SyncRun} from '../census/types.js';
import {formatCountFull, formatDuration, parseIsoTime} from './format.js';
import {sanitizeText} from './sanitize.js';
import {isMovingPhase, runPhase, statusWord} from './status.js';
import {classifyStep, STEP_COUNT} from './steps.js';
import {truncateToWidth} from './text.js';

// One plain line for a run, for output that is not a terminal UI (a pipe, a log, CI):
//   2026-11-29T14:03:22Z run 8123 Users → Salesforce Contacts (sync 101): working, step 4/7 Unloading data from warehouse, 12,000/50,000 records
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

/** A sync's own name for lines and JSON: its label, else its resource identifier; null when it has neither. */
export function syncLabelOf(sync: Pick<Sync, 'label' | 'resourceIdentifier'> | undefined): string | null {
	for (const name of [sync?.label, sync?.resourceIdentifier]) {
		if (typeof name === 'string' && name.trim() !== '') return name;
	}

	return null;
}

/** ISO 8601 UTC to the second: the time at the head of a plain line. */
export const isoSeconds = (epochMs: number): string => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

// Messages often wrap with a line break and indentation; on one line that is just one space.
const clean = (text: string | null, width: number): string => truncateToWidth(sanitizeText(text).replaceAll(/ {2,}/g, ' ').trim(), width);

function subject(input: RunLineInput): string {
	if (input.run === null || input.notFound) return `run ${input.id}`;
	const label = clean(input.syncLabel, MAX_LABEL_WIDTH);
	const sync = `sync ${input.run.syncId}`;
	return label === '' ? `run ${input.id} (${sync})` : `run ${input.id} ${label} (${sync})`;
}

function stepText(run: SyncRun): string | null {
	const step = classifyStep(run.currentStep);
	switch (step.kind) {
		case 'ordered': {
			return `step ${step.index}/${STEP_COUNT} ${step.name}`;
		}

		case 'generic': {
			return step.name;
		}

		case 'unknown': {
			return `step ${truncateToWidth(step.name, MAX_STEP_WIDTH)}`;
		}

		case 'none': {
			return null;
		}
	}
}

function recordsText(run: SyncRun): string | null {
	const processed = run.recordsProcessed;
	const source = run.sourceRecordCount;
	let text: string | null = null;
	if (processed !== null && source !== null) text = `${formatCountFull(processed)}/${formatCountFull(source)} records`;
	else if (processed !== null) text = `${formatCountFull(processed)} records`;
	else if (source !== null) text = `${formatCountFull(source)} source records`;
	const rejected = run.recordsFailed !== null && run.recordsFailed > 0 ? `${formatCountFull(run.recordsFailed)} rejected` : null;
	return [text, rejected].filter(part => part !== null).join(', ') || null;
}

function durationText(run: SyncRun): string | null {
	const start = parseIsoTime(run.createdAt);
	const end = parseIsoTime(run.completedAt);
	return start === null || end === null ? null : formatDuration(end - start);
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
	const duration = durationText(run);
	const parts: Array<string | null> = [];
	if (isMovingPhase(phase) || phase === 'unknown') {
		parts.push(word, stepText(run), recordsText(run));
	} else if (phase === 'completed') {
		parts.push(duration === null ? word : `${word} in ${duration}`, recordsText(run));
	} else {
		// "Running sync" is what finished runs say; it tells nothing about where a failure happened.
		const failedAt = phase === 'failed' && classifyStep(run.currentStep).kind !== 'generic';
		const step = failedAt ? stepText(run) : null;
		const head = [word, step === null ? null : `at ${step}`, duration === null ? null : `after ${duration}`];
		parts.push(head.filter(part => part !== null).join(' '), recordsText(run), errorText(run));
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
