import type {SyncRun} from '../census/types.js';
import {sanitizeText} from '../text/sanitize.js';
import {truncateToWidth} from '../text/text.js';

// A run's status as the app shows it. `canceled` on an ended run wins over `status` (the API has no
// canceled status; a canceled run can say "completed"); on a run still queued or working without a
// completed_at it means a cancel was asked for and the run is still going: 'canceling', polled until it
// ends. The legacy new/preparing are queued and retrying is working. Any other status is unknown: shown
// verbatim, polled slowly, never a crash. The status is read as it is shown (escape sequences removed),
// so that the glyph and the word always tell the same thing.

export type RunPhase = 'queued' | 'working' | 'canceling' | 'completed' | 'failed' | 'skipped' | 'canceled' | 'unknown' | 'not_found';

export type RunStatusFields = Pick<SyncRun, 'status' | 'canceled'> & {completedAt?: string | null};

const PHASE_BY_STATUS: ReadonlyMap<string, RunPhase> = new Map<string, RunPhase>([
	['queued', 'queued'],
	['new', 'queued'],
	['preparing', 'queued'],
	['working', 'working'],
	['retrying', 'working'],
	['completed', 'completed'],
	['failed', 'failed'],
	['skipped', 'skipped'],
]);

/** The phase of a run; `notFound` (the API answered 404) wins, and a run not fetched yet is unknown. */
export function runPhase(run: RunStatusFields | null, notFound = false): RunPhase {
	if (notFound) return 'not_found';
	if (run === null) return 'unknown';
	const status = typeof run.status === 'string' ? run.status : '';
	// Sanitised only when the word is not known as it is: this runs for every row on every change.
	const phase = PHASE_BY_STATUS.get(status.trim().toLowerCase()) ?? PHASE_BY_STATUS.get(sanitizeText(status).trim().toLowerCase()) ?? 'unknown';
	if (!run.canceled) return phase;
	const stillGoing = (phase === 'queued' || phase === 'working') && (run.completedAt ?? null) === null;
	return stillGoing ? 'canceling' : 'canceled';
}

/** The run has ended and will not change: completed, failed, skipped or canceled. */
export const isTerminalPhase = (phase: RunPhase): boolean =>
	phase === 'completed' || phase === 'failed' || phase === 'skipped' || phase === 'canceled';

/** The run is still going and worth polling often: queued, working, or working on a cancel. */
export const isMovingPhase = (phase: RunPhase): boolean => phase === 'queued' || phase === 'working' || phase === 'canceling';

/** Cells an unknown status may take in a status word. */
export const UNKNOWN_STATUS_WIDTH = 16;

/**
 * The status as a word, so that it reads without colour: the phase ('queued', 'working', 'completed',
 * 'failed', 'skipped', 'canceled', 'not found'), or for an unknown status the API's own word, sanitised
 * and cut to 16 cells unless `full` ('unknown' when there is none).
 */
export function statusWord(run: RunStatusFields | null, notFound = false, options: {full?: boolean} = {}): string {
	const phase = runPhase(run, notFound);
	if (phase === 'not_found') return 'not found';
	if (phase !== 'unknown') return phase;
	const verbatim = sanitizeText(run?.status).trim();
	if (verbatim === '') return 'unknown';
	// Full: where the status has room of its own (the detail pane), an unknown word is all there is to go on.
	return options.full ? verbatim : truncateToWidth(verbatim, UNKNOWN_STATUS_WIDTH);
}

/** A completed run whose destination rejected records: screens show 'completed' with a warning. */
export function hasRejections(run: Pick<SyncRun, 'status' | 'canceled' | 'recordsFailed'> | null): boolean {
	return runPhase(run) === 'completed' && typeof run?.recordsFailed === 'number' && run.recordsFailed > 0;
}

const UNICODE_GLYPHS: Readonly<Record<RunPhase, string>> = {
	queued: '◷',
	working: '⟳',
	canceling: '⊖',
	completed: '✓',
	failed: '✗',
	skipped: '↷',
	canceled: '⊘',
	unknown: '?',
	not_found: '∅',
};

const ASCII_GLYPHS: Readonly<Record<RunPhase, string>> = {
	queued: '.',
	working: '~',
	canceling: '=',
	completed: '+',
	failed: 'x',
	skipped: '-',
	canceled: '/',
	unknown: '?',
	not_found: '!',
};

/** One-cell glyph for a phase; the steady one for working (spinners use SPINNER_FRAMES). */
export const statusGlyph = (phase: RunPhase, ascii: boolean): string => (ascii ? ASCII_GLYPHS : UNICODE_GLYPHS)[phase];

export type InkColor = 'cyan' | 'blue' | 'green' | 'red' | 'gray' | 'yellow' | 'magenta';

const COLORS: Readonly<Record<RunPhase, InkColor>> = {
	queued: 'blue',
	working: 'cyan',
	canceling: 'yellow',
	completed: 'green',
	failed: 'red',
	skipped: 'gray',
	canceled: 'yellow',
	unknown: 'magenta',
	not_found: 'gray',
};

/** Ink colour name for a phase. Colour is never the only signal: the glyph and word go with it. */
export const statusColor = (phase: RunPhase): InkColor => COLORS[phase];

export const SPINNER_FRAMES = {
	unicode: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
	ascii: ['-', '\\', '|', '/'],
} as const satisfies Record<'unicode' | 'ascii', readonly string[]>;

/** The spinner frame for a tick of the shared animation clock (any integer, wraps around). */
export function spinnerFrame(tick: number, ascii: boolean): string {
	const frames: readonly string[] = ascii ? SPINNER_FRAMES.ascii : SPINNER_FRAMES.unicode;
	const whole = Number.isFinite(tick) ? Math.trunc(tick) : 0;
	return frames[((whole % frames.length) + frames.length) % frames.length] ?? frames[0] ?? '';
}
