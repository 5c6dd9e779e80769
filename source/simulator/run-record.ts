// A run as the world keeps it (a plan, or a frozen object from a test) and as the API shows it: the
// JSON of a run at a given sim time is computed on demand, never stored.
import {canceledEndOffset, planError, runStateAt, type PlanProfile, type RunPlan} from './run-plan.js';

/** A run as the API sends it (snake_case JSON). */
export type RawRun = Record<string, unknown>;

export type TriggerReason = {ui_tag: string; ui_detail: string};

export type RunRecord = {
	id: number;
	syncId: number;
	createdAt: number;
	scheduledAt: number | null;
	fullSync: boolean;
	trigger: TriggerReason;
	/** null: the run was skipped (another run of the sync was under way). */
	plan: RunPlan | null;
	canceledAt: number | null;
	/** Set by addRun/updateRun: the run reads exactly this from then on. */
	frozen: RawRun | null;
};

const MOVING_STATUSES = new Set(['queued', 'working', 'new', 'preparing', 'retrying']);

export const iso = (ms: number): string => new Date(ms).toISOString();

export const isMovingFrozen = (run: RawRun): boolean =>
	typeof run['status'] === 'string' && MOVING_STATUSES.has(run['status']) && run['canceled'] !== true;

export function endsAt(record: RunRecord): number {
	if (record.frozen !== null) {
		return isMovingFrozen(record.frozen) ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	}

	if (record.plan === null) {
		return record.createdAt;
	}

	const canceledOffset = record.canceledAt === null ? null : record.canceledAt - record.createdAt;
	return record.createdAt + (canceledOffset === null ? record.plan.endOffset : canceledEndOffset(record.plan, canceledOffset));
}

/** The run as the API shows it at `now`, its keys in the order of Census's reference example. */
export function runJson(record: RunRecord, now: number, profile: PlanProfile): RawRun {
	if (record.frozen !== null) {
		return structuredClone(record.frozen);
	}

	const created = iso(record.createdAt);
	const scheduled = record.scheduledAt === null ? null : iso(record.scheduledAt);
	const trigger = {ui_tag: record.trigger.ui_tag, ui_detail: record.trigger.ui_detail};
	if (record.plan === null) {
		return {
			id: record.id,
			sync_id: record.syncId,
			source_record_count: null,
			source_record_updates: null,
			source_record_deletes: null,
			source_record_invalids: null,
			records_invalid: null,
			records_processed: null,
			records_updated: null,
			records_failed: null,
			created_at: created,
			updated_at: created,
			completed_at: created,
			scheduled_execution_time: scheduled,
			error_code: null,
			error_message: null,
			error_detail: null,
			status: 'skipped',
			canceled: false,
			full_sync: record.fullSync,
			sync_trigger_reason: trigger,
		};
	}

	const state = runStateAt(
		record.plan,
		now - record.createdAt,
		record.canceledAt === null ? null : record.canceledAt - record.createdAt,
	);
	const error = state.showsError ? planError(record.plan, profile.errorContext) : null;
	const {counts} = state;
	const run: RawRun = {
		id: record.id,
		sync_id: record.syncId,
		source_record_count: counts.source_record_count,
		source_record_updates: counts.source_record_updates,
		source_record_deletes: counts.source_record_deletes,
		source_record_invalids: counts.source_record_invalids,
		records_invalid: counts.source_record_invalids,
		records_processed: counts.records_processed,
		records_updated: counts.records_updated,
		records_failed: counts.records_failed,
		created_at: created,
		updated_at: iso(record.createdAt + state.updatedOffset),
		completed_at: state.completedOffset === null ? null : iso(record.createdAt + state.completedOffset),
		scheduled_execution_time: scheduled,
		error_code: error?.code ?? null,
		error_message: error?.message ?? null,
		error_detail: error?.detail ?? null,
		status: state.status,
		canceled: state.canceled,
		full_sync: record.fullSync,
	};
	if (state.currentStep !== null) {
		run['current_step'] = state.currentStep;
	}

	run['sync_trigger_reason'] = trigger;
	return run;
}

/** How an ended run reads for its sync's status; null while under way or when it tells nothing (skipped). */
export function endedStatus(record: RunRecord, now: number): 'completed' | 'failed' | null {
	if (record.frozen !== null) {
		const status = record.frozen['status'];
		return status === 'completed' || status === 'failed' ? status : null;
	}

	if (record.plan === null || endsAt(record) > now) {
		return null;
	}

	return record.plan.outcome === 'failed' && record.canceledAt === null ? 'failed' : 'completed';
}
