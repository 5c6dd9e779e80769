import type {JsonObject, SyncRun} from '../../census/types.js';
import {runDurationMs, runEndAt, runProgress, runStepPlace} from '../../runs/run-figures.js';
import {STEP_COUNT} from '../../runs/steps.js';
import {isTerminalPhase, runPhase, type RunPhase} from '../../runs/status.js';
import {runWebUrl, type WebAppTarget} from '../../runs/links.js';
import {runVerdict, type RunVerdict} from './verdict.js';

// A run as JSON for `--once --json` and `--json` line output. `run` is the API's `data` object exactly as
// it came (never copied field by field, never renamed), so that scripts can rely on the API's own
// documentation; everything census-watch works out lives beside it under `derived`, where it can never
// be mistaken for, or collide with, a field the API adds later.

export type RunJsonInput = {
	/** The run id asked for; the only thing known about a run the API answered 404 for. */
	id: number;
	run: SyncRun | null;
	notFound: boolean;
	/** The sync's label as the API gave it, when known. */
	syncLabel: string | null;
	/** When this state was seen (epoch ms): the end of the duration of a run that is still going. */
	observedAt: number;
	web: WebAppTarget;
};

export type RunJsonDerived = {
	run_id: number;
	sync_id: number | null;
	sync_label: string | null;
	/** v2's Fivetran group of the run, when the API gave one. */
	group_id: string | null;
	phase: RunPhase;
	ended: boolean;
	/** What the run means for `--exit-status`. */
	verdict: RunVerdict;
	/**
	 * The step the run is on, or for an ended run where it ended: 1..7 for the seven ordered steps (7 once
	 * completed), null otherwise.
	 */
	step_index: number | null;
	step_count: number;
	/** 'done' once completed; 'generic' ("Running sync") only while the run moves. */
	step_kind: 'done' | 'ordered' | 'generic' | 'unknown' | 'none';
	/** source_record_updates + source_record_deletes: the work of the run; null while either is unknown. */
	records_to_send: number | null;
	/** records_processed: sent to the destination, so far or in all. */
	records_processed: number | null;
	/** records_updated: accepted by the destination. */
	records_updated: number | null;
	/** records_failed: rejected by the destination. */
	records_failed: number | null;
	/** records_processed / records_to_send (0..1; 1 for a completed run with nothing to send), null when unknown. */
	progress_fraction: number | null;
	/** When the run ended: completed_at, else (a run that no longer moves) updated_at; null while it moves. */
	ended_at: string | null;
	/** created_at to ended_at; observed_at − created_at while the run moves. */
	duration_ms: number | null;
	web_url: string | null;
	observed_at: string;
};

export type RunJson = {
	run: JsonObject | null;
	derived: RunJsonDerived;
};

type StepFields = Pick<RunJsonDerived, 'step_index' | 'step_kind'>;

function stepFields(run: SyncRun | null, phase: RunPhase): StepFields {
	if (run === null) return {step_index: null, step_kind: 'none'};
	const place = runStepPlace(run, phase);
	switch (place.kind) {
		case 'done': {
			return {step_index: STEP_COUNT, step_kind: 'done'};
		}

		case 'ordered': {
			return {step_index: place.step.index, step_kind: 'ordered'};
		}

		case 'generic':
		case 'unknown':
		case 'none': {
			return {step_index: null, step_kind: place.kind};
		}
	}
}

type Figures = Pick<
	RunJsonDerived,
	'records_to_send' | 'records_processed' | 'records_updated' | 'records_failed' | 'progress_fraction' | 'ended_at' | 'duration_ms'
>;

const NO_FIGURES: Figures = {
	records_to_send: null,
	records_processed: null,
	records_updated: null,
	records_failed: null,
	progress_fraction: null,
	ended_at: null,
	duration_ms: null,
};

function figures(run: SyncRun, phase: RunPhase, observedAt: number): Figures {
	const progress = runProgress(run, phase);
	const endedAt = runEndAt(run, phase);
	return {
		records_to_send: progress.toSend,
		records_processed: progress.processed,
		records_updated: progress.updated,
		records_failed: progress.failed,
		progress_fraction: progress.fraction,
		ended_at: endedAt === null ? null : new Date(endedAt).toISOString(),
		duration_ms: runDurationMs(run, phase, observedAt),
	};
}

export function runJson(input: RunJsonInput): RunJson {
	const {run, notFound} = input;
	const phase = runPhase(run, notFound);
	const ended = isTerminalPhase(phase);
	const known = notFound ? null : run;
	return {
		run: notFound || run === null ? null : run.raw,
		derived: {
			run_id: input.id,
			sync_id: run?.syncId ?? null,
			sync_label: input.syncLabel,
			group_id: run?.groupId ?? null,
			phase,
			ended,
			verdict: runVerdict(phase),
			...stepFields(known, phase),
			step_count: STEP_COUNT,
			...(known === null ? NO_FIGURES : figures(known, phase, input.observedAt)),
			web_url: run === null || notFound ? null : runWebUrl({...input.web, syncId: run.syncId, runId: run.id}),
			observed_at: new Date(input.observedAt).toISOString(),
		},
	};
}

// JSON.stringify escapes only C0 controls, quotes, backslashes and lone surrogates. The rest of what a
// terminal acts on or reorders (DEL, the C1 controls such as U+009B CSI, bidi overrides and isolates,
// invisible format characters, line/paragraph separators, tag characters: what sanitizeText drops) would reach a terminal raw when
// the output is read with `cat` or `tee`. These characters only ever occur inside JSON strings, where a
// \u escape stands for the same character: the document stays valid and its values do not change.
const UNSAFE_IN_TERMINAL =
	/[\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

const escapeUnit = (unit: string): string => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON.stringify, with every character a terminal could act on written as a \u escape. */
export function stringifyJsonForTerminal(value: object, indent?: number): string {
	const text = JSON.stringify(value, null, indent);
	// split('') walks UTF-16 units, so a tag character becomes the escapes of both of its surrogates.
	return text.replaceAll(UNSAFE_IN_TERMINAL, match => match.split('').map(escapeUnit).join(''));
}
