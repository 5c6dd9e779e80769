import {unlinkSync} from 'node:fs';
import path from 'node:path';
import {readFileNoFollow, writeFileAtomically} from '../store/safe-files.js';

// When the app dies while taking in a run's answer, the next start must not take in the same answer and
// die again: the crash handler leaves this marker in the state directory naming the run, and the next
// start reads it, removes it, says which run it was and leaves that run out. Only a crash inside the
// store's applyRuns names a run; any other bug leaves no marker.

export const CRASH_MARKER_NAME = 'crashed-on-run.json';
const MAX_MARKER_BYTES = 4096;

export type CrashMarker = {runId: number; reason: string; at: number};

const crashMarkerPath = (stateDirectory: string): string => path.join(stateDirectory, CRASH_MARKER_NAME);

/** Written from the crash handler: synchronous, atomic, never throws. */
export function writeCrashMarker(stateDirectory: string, marker: CrashMarker): void {
	try {
		writeFileAtomically(crashMarkerPath(stateDirectory), `${JSON.stringify(marker)}\n`, '.crash.tmp');
	} catch {
		// The crash report matters more; without the marker the next start may crash once more.
	}
}

/** Reads and removes the marker a crash left; null when there is none or it is not one of ours. */
export function takeCrashMarker(stateDirectory: string): CrashMarker | null {
	const file = crashMarkerPath(stateDirectory);
	let text: string;
	try {
		text = readFileNoFollow(file, MAX_MARKER_BYTES);
	} catch {
		return null;
	}

	try {
		unlinkSync(file);
	} catch {
		// Left for the next start, which will say the same again.
	}

	try {
		const value = JSON.parse(text) as Partial<CrashMarker> | null;
		const {runId, reason, at} = value ?? {};
		if (typeof runId !== 'number' || !Number.isSafeInteger(runId) || runId <= 0) return null;
		return {runId, reason: typeof reason === 'string' ? reason : 'unknown error', at: typeof at === 'number' ? at : 0};
	} catch {
		return null;
	}
}

/** The notice of the next start. */
export const crashMarkerNotice = (marker: CrashMarker): string =>
	`census-watch stopped with an internal error while taking in run ${marker.runId} (${marker.reason}); that run is left out: press a and enter ${marker.runId} to watch it again.`;
