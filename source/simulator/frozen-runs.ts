import {TEAMMATES} from './catalog.js';
import {GENERIC_STEP} from './run-plan.js';
import {iso, type RawRun} from './run-record.js';

// Runs a test sets by hand (addRun, updateRun): they read exactly the JSON given, from then on.

/** Fields to set; a key whose value is `undefined` is removed, so that tests can make a field absent. */
export type Patch = Record<string, unknown>;

export function applyPatch<T extends Record<string, unknown>>(target: T, patch: Patch): T {
	const result: Record<string, unknown> = {...target};
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) {
			delete result[key];
		} else {
			result[key] = value;
		}
	}

	return result as T;
}

/** addRun's run: by default a completed run of a minute that ended now; `partial` overrides any field but the ids. */
export function frozenRun(id: number, syncId: number, now: number, partial: Patch): RawRun {
	const defaults: RawRun = {
		id,
		sync_id: syncId,
		source_record_count: 1200,
		source_record_updates: 120,
		source_record_deletes: 0,
		source_record_invalids: 0,
		records_invalid: 0,
		records_processed: 120,
		records_updated: 120,
		records_failed: 0,
		created_at: iso(now - 60_000),
		updated_at: iso(now),
		completed_at: iso(now),
		scheduled_execution_time: null,
		error_code: null,
		error_message: null,
		error_detail: null,
		status: 'completed',
		canceled: false,
		full_sync: false,
		current_step: GENERIC_STEP,
		sync_trigger_reason: {ui_tag: 'Manual', ui_detail: `Manually triggered by ${TEAMMATES[0] ?? 'someone'}`},
	};
	return {...applyPatch(defaults, partial), id, sync_id: syncId};
}

/** A frozen run canceled now ends at once: Census has no "canceled" status, it completes with canceled: true. */
export const canceledFrozenRun = (frozen: RawRun, now: number): RawRun =>
	applyPatch(frozen, {status: 'completed', canceled: true, completed_at: iso(now), updated_at: iso(now)});
