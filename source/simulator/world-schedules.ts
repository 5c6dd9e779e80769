import {streamFor} from './random.js';
import {planRun} from './run-plan.js';
import {ScheduleQueue} from './schedule-queue.js';
import {isBusy, scheduledAt, skipMissedStarts, startsAfterNext, type SyncEntry} from './sync-entry.js';
import {STREAM} from './world-ids.js';
import {startRun, type Workspace} from './workspace.js';

// The runs that start by themselves: each scheduled sync's next start in one queue, taken in time order
// as the world's clock moves on.

export type Schedules = {
	/** Starts the runs scheduled up to `nowMs` (unless paused) and moves the clock there. */
	advanceTo(nowMs: number): void;
	/** While paused no run starts by itself; on resuming, starts missed meanwhile are not made up. */
	pause(paused: boolean): void;
};

/**
 * Starts the sync's next scheduled run. A run that `keepRuns` later runs of this same advance will
 * push out is not kept: it only takes its id and, while it would be under way, makes later runs
 * skip. So a jump of a day costs little more per sync than the runs that are kept.
 */
function startScheduled(workspace: Workspace, entry: SyncEntry, at: number, kept: boolean): void {
	const schedule = entry.schedule;
	if (schedule === null) {
		return;
	}

	const random = streamFor(workspace.config.seed, STREAM.scheduled, entry.index, schedule.ordinal);
	const fullSync = random() < 0.05;
	const scheduledFor = at - Math.floor(random() * 900);
	schedule.ordinal += 1;
	if (kept) {
		startRun(workspace, entry, at, random, {scheduledAt: scheduledFor, trigger: entry.scheduledTrigger, fullSync});
		return;
	}

	if (!isBusy(entry, at)) {
		entry.unkeptEnd = at + planRun(random, entry.planProfile, {fullSync}).endOffset;
	}

	workspace.takeRunId();
}

export function createSchedules(workspace: Workspace, startPaused: boolean): Schedules {
	const {config, entries} = workspace;
	const {seed} = config;
	const queue = new ScheduleQueue();
	let paused = startPaused;

	function enqueue(entry: SyncEntry): void {
		if (entry.schedule !== null) {
			queue.push({at: scheduledAt(seed, entry, entry.schedule.ordinal), index: entry.index});
		}
	}

	function rescheduleFromNow(): void {
		queue.clear();
		for (const entry of entries) {
			skipMissedStarts(seed, entry, workspace.now);
			enqueue(entry);
		}
	}

	for (const entry of entries) {
		enqueue(entry);
	}

	return {
		advanceTo(nowMs) {
			if (!(nowMs > workspace.now)) {
				return;
			}

			if (!paused) {
				for (let due = queue.peek(); due !== undefined && due.at <= nowMs; due = queue.peek()) {
					queue.pop();
					const entry = entries[due.index];
					if (entry !== undefined) {
						startScheduled(workspace, entry, due.at, startsAfterNext(seed, entry, nowMs) < config.keepRuns);
						enqueue(entry);
					}
				}
			}

			workspace.now = nowMs;
		},

		pause(pause) {
			if (paused && !pause) {
				paused = false;
				rescheduleFromNow();
				return;
			}

			paused = pause;
		},
	};
}
