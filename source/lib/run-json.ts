import type {JsonObject, SyncRun} from '../census/types.js';
import {classifyStep, STEP_COUNT} from './steps.js';
import {isTerminalPhase, runPhase, type RunPhase} from './status.js';
import {parseIsoTime} from './format.js';
import {runWebUrl, type WebAppTarget} from './links.js';
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
	/** 1..7 for the seven ordered steps, null otherwise. */
	step_index: number | null;
	step_count: number;
	step_kind: 'ordered' | 'generic' | 'unknown' | 'none';
	/** completed_at − created_at for an ended run, observed_at − created_at while it moves. */
	duration_ms: number | null;
	web_url: string | null;
	observed_at: string;
};

export type RunJson = {
	run: JsonObject | null;
	derived: RunJsonDerived;
};

function durationMs(run: SyncRun, ended: boolean, observedAt: number): number | null {
	const start = parseIsoTime(run.createdAt);
	const end = ended ? parseIsoTime(run.completedAt) : observedAt;
	if (start === null || end === null) return null;
	return Math.max(0, end - start);
}

export function runJson(input: RunJsonInput): RunJson {
	const {run, notFound} = input;
	const phase = runPhase(run, notFound);
	const ended = isTerminalPhase(phase);
	const step = classifyStep(run?.currentStep);
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
			step_index: step.kind === 'ordered' ? step.index : null,
			step_count: STEP_COUNT,
			step_kind: step.kind,
			duration_ms: run === null || notFound ? null : durationMs(run, ended, input.observedAt),
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
