import {sanitizeText} from '../../text/sanitize.js';
import {isTerminalPhase, runPhase} from '../../runs/status.js';
import {classifyStep} from '../../runs/steps.js';
import type {RunEntry} from '../../runs/model.js';

// Which runs deserve a new plain line: one whose line would say something new about where it is. A run
// gets a line when it first has an answer, when its status changes and when a moving run changes step;
// record counts alone do not (they move on every poll and would turn a log into a counter). Once a run has
// ended only its status counts, so the generic "Running sync" an ended run reports adds no line.

/** What a line is about, or null while the run has had no answer. */
export function lineKey(entry: RunEntry): string | null {
	if (entry.notFound) return 'not_found';
	if (entry.run === null) return null;
	const phase = runPhase(entry.run);
	if (isTerminalPhase(phase)) return phase;
	const step = classifyStep(entry.run.currentStep);
	const stepKey = step.kind === 'ordered' ? String(step.index) : step.kind === 'none' ? '' : sanitizeText(step.name).toLowerCase();
	// An unknown status shows verbatim, so a change from one unknown word to another is a change too.
	const status = phase === 'unknown' ? `unknown:${sanitizeText(entry.run.status)}` : phase;
	return `${status}|${stepKey}`;
}

export type LineChanges = {
	/** The keys to compare the next state with: only runs still present, so the map stays bounded. */
	keys: Map<number, string>;
	/** Entries whose line changed, oldest run first. */
	changed: RunEntry[];
};

export function changedRuns(previous: ReadonlyMap<number, string>, entries: Iterable<RunEntry>): LineChanges {
	const keys = new Map<number, string>();
	const changed: RunEntry[] = [];
	for (const entry of entries) {
		const key = lineKey(entry);
		if (key === null) continue;
		keys.set(entry.id, key);
		if (previous.get(entry.id) !== key) changed.push(entry);
	}

	changed.sort((a, b) => a.id - b.id);
	return {keys, changed};
}
