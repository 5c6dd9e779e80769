// A pure stand-in for engine + API, to drive the scheduler over simulated time with no timer or socket:
// a world of runs whose statuses change at set times, a view that plays the store's part, and a loop
// that asks the scheduler, "sends", answers after a latency and records every fetch of every run.
import {schedulerConfig, type SchedulerConfig} from '../../source/polling/config.js';
import {
	forgetStale,
	initialSchedulerState,
	onResult,
	onSent,
	planRequests,
	type Outcome,
	type RunCadence,
	type RunView,
	type SchedulerState,
	type SchedulerView,
	type SyncView,
	type Target,
} from '../../source/polling/scheduler.js';

export type WorldRun = {
	id: number;
	syncId: number;
	/** Status at time t. */
	statusAt: (t: number) => string;
};

export const working = (): string => 'working';
export const endsAt =
	(at: number, before = 'working', after = 'completed') =>
	(t: number): string =>
		t < at ? before : after;

export type Sent = {at: number; target: Target};

/** Most of these times in any window [t, t + 60 s). */
export function busiestMinuteOf(times: number[]): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= 60_000) start++;
		most = Math.max(most, end - start + 1);
	}

	return most;
}

export type SimOptions = {
	runs: WorldRun[];
	/** Watched by id. */
	watch: number[];
	follow?: number[];
	followAll?: boolean;
	/** Syncs of the workspace (follow-all listing); defaults to the syncs of `runs`. */
	syncIds?: number[];
	config?: Partial<SchedulerConfig>;
	latencyMs?: number;
	/** Latency of one request, when it differs from latencyMs (a target whose answers stall). */
	latencyOf?: (target: Target, at: number) => number | null;
	/** Replace the answer to a request (errors, 429s); return null for the normal answer. */
	fault?: (target: Target, at: number, index: number) => Outcome | null;
	random?: () => number;
	/** Send times of other processes on the same budget, as they stand at `at`. */
	others?: (at: number) => readonly number[];
	/** After each plan and its sends (another process may read what was sent). */
	onCycle?: (sim: Sim) => void;
};

const cadenceOf = (status: string): RunCadence => {
	switch (status) {
		case 'working':
			return 'working';
		case 'queued':
			return 'queued';
		case 'completed':
		case 'failed':
		case 'skipped':
			return 'ended';
		default:
			return 'unknown';
	}
};

export class Sim {
	readonly config: SchedulerConfig;
	state: SchedulerState = initialSchedulerState();
	now = 0;
	readonly sent: Sent[] = [];
	/** Every time each run's data came back, by any route. */
	readonly fetches = new Map<number, number[]>();
	readonly view: {runs: Map<number, RunView>; followed: number[]; followAll: boolean; syncs: Map<number, SyncView>};
	/** The last plan's wakeAt. */
	private wakeAt: number | null = null;
	private readonly world: Map<number, WorldRun>;
	private readonly pending: {at: number; target: Target; index: number}[] = [];
	private readonly options: SimOptions;

	constructor(options: SimOptions) {
		this.options = options;
		this.config = schedulerConfig(options.config);
		this.world = new Map(options.runs.map(run => [run.id, run]));
		this.view = {
			runs: new Map(
				options.watch.map(id => [id, {id, syncId: null, cadence: 'pending', notFound: false, fetchedAt: null, failed: false}]),
			),
			followed: options.follow ?? [],
			followAll: options.followAll ?? false,
			syncs: new Map(),
		};
	}

	schedulerView(): SchedulerView {
		return {
			runs: [...this.view.runs.values()],
			followedSyncIds: this.view.followed,
			followAll: this.view.followAll,
			syncs: [...this.view.syncs.values()],
		};
	}

	plan() {
		return planRequests(this.state, this.schedulerView(), this.now, this.config, this.options.others?.(this.now));
	}

	/** Plans at the current time and sends what the scheduler asks for. */
	cycle(): number | null {
		this.state = forgetStale(this.state, this.schedulerView());
		const {requests, wakeAt} = this.plan();
		for (const target of requests) {
			this.state = onSent(this.state, target, this.now);
			this.sent.push({at: this.now, target});
			const latency = this.options.latencyOf?.(target, this.now) ?? this.options.latencyMs ?? 0;
			this.pending.push({at: this.now + latency, target, index: this.sent.length - 1});
		}

		this.wakeAt = wakeAt;
		this.options.onCycle?.(this);
		return wakeAt;
	}

	/** When this loop next has something to do (a wake-up or an answer); null when nothing. */
	nextEventAt(): number | null {
		const next = Math.min(this.wakeAt ?? Number.POSITIVE_INFINITY, ...this.pending.map(p => p.at));
		return Number.isFinite(next) ? next : null;
	}

	/** Runs the loop until `until`, jumping from one event to the next exactly like the engine's one timer. */
	runUntil(until: number): void {
		for (let guard = 0; guard < 1_000_000; guard++) {
			this.deliverDue();
			const wakeAt = this.cycle();
			if (wakeAt !== null && wakeAt <= this.now) throw new Error(`wakeAt ${wakeAt} is not after ${this.now}`);
			if (this.pending.some(p => p.at <= this.now)) continue;
			const next = Math.min(wakeAt ?? Number.POSITIVE_INFINITY, ...this.pending.map(p => p.at));
			if (next > until) {
				this.now = until;
				this.deliverDue();
				return;
			}

			this.now = next;
		}

		throw new Error('simulation did not settle');
	}

	private deliverDue(): void {
		for (;;) {
			const index = this.pending.findIndex(p => p.at <= this.now);
			if (index === -1) return;
			const [item] = this.pending.splice(index, 1);
			if (item) this.deliver(item.target, item.index);
		}
	}

	private seen(run: WorldRun): void {
		const status = run.statusAt(this.now);
		this.view.runs.set(run.id, {
			id: run.id,
			syncId: run.syncId,
			cadence: cadenceOf(status),
			notFound: false,
			fetchedAt: this.now,
			failed: status === 'failed',
		});
		const list = this.fetches.get(run.id) ?? [];
		list.push(this.now);
		this.fetches.set(run.id, list);
	}

	private deliver(target: Target, index: number): void {
		const fault = this.options.fault?.(target, this.now, index) ?? null;
		const random = this.options.random ?? (() => 0.5);
		if (fault) {
			this.state = onResult(this.state, target, fault, this.now, random, this.config);
			// As the engine does: a 404 marks the run only once the scheduler believes it (the root works).
			if (fault.kind === 'failed' && fault.error === 'not_found' && target.kind === 'run' && this.state.books[`run:${target.runId}`]?.gone) {
				const entry = this.view.runs.get(target.runId);
				if (entry) this.view.runs.set(target.runId, {...entry, notFound: true, fetchedAt: this.now});
			}

			return;
		}

		let outcome: Outcome = {kind: 'ok'};
		if (target.kind === 'run') {
			const run = this.world.get(target.runId);
			if (run) this.seen(run);
		} else if (target.kind === 'sync-runs') {
			const page = [...this.world.values()]
				.filter(run => run.syncId === target.syncId)
				.sort((a, b) => b.id - a.id)
				.slice(0, target.perPage);
			const following = this.view.followAll || this.view.followed.includes(target.syncId);
			for (const run of page) if (following || this.view.runs.has(run.id)) this.seen(run);
			outcome = {kind: 'ok', pageIds: page.map(run => run.id)};
		} else if (target.kind === 'sync-list') {
			const ids = this.options.syncIds ?? [...new Set([...this.world.values()].map(run => run.syncId))];
			const pages = Math.max(1, Math.ceil(ids.length / 100));
			for (const id of ids.slice((target.page - 1) * 100, target.page * 100)) this.view.syncs.set(id, {id, fetchedAt: this.now, failing: false});
			outcome = {kind: 'ok', nextPage: target.page < pages ? target.page + 1 : null};
		} else if (target.kind === 'sync') {
			this.view.syncs.set(target.syncId, {id: target.syncId, fetchedAt: this.now, failing: false});
		}

		this.state = onResult(this.state, target, outcome, this.now, random, this.config);
	}

	sentOf(kind: Target['kind']): Sent[] {
		return this.sent.filter(s => s.target.kind === kind);
	}

	/** Most requests sent in any window [t, t + 60 s), counting sends from `from` on. */
	busiestMinute(from = 0): number {
		return busiestMinuteOf(this.sent.map(s => s.at).filter(at => at >= from));
	}
}
