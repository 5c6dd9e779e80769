import {clampRateLimitPauseMs, rateLimitPauseMs, retryDelayMs} from '../census/backoff.js';
import type {CensusErrorKind} from '../census/errors.js';
import {MAX_PER_PAGE} from '../census/pagination.js';
import {inWindow} from '../store/budget-window.js';
import {BUDGET_WINDOW_MS, mergeWindows, PACE_WINDOW_MS, paceLimit, slotFreeAt} from './budget.js';
import {DEFAULT_SCHEDULER_CONFIG, type SchedulerConfig} from './config.js';

// Who to ask, and when, as pure functions of (state, view, now): the engine does the I/O and reports
// back through onSent/onResult. Everything that limits traffic lives here (cadence by status, batching
// through list pages, the budget, the in-flight cap, per-target backoff, the 429 pause), so that it can
// be checked over simulated hours without a socket or a timer.

export type Target =
	| {kind: 'run'; runId: number}
	/** `covers`: the watched runs this page is expected to refresh (the rest of the page is incidental). */
	| {kind: 'sync-runs'; syncId: number; perPage: number; covers: readonly number[]}
	| {kind: 'sync-list'; page: number}
	| {kind: 'sync'; syncId: number}
	/** The sync's recent runs, for the durations an ETA rests on; none of them joins the watch list. */
	| {kind: 'sync-history'; syncId: number}
	/** A user action (trigger, cancel) queued with enqueueAction: it spends the same budget. */
	| {kind: 'action'; actionId: number}
	/** The smallest sync list page: does the API root answer at all (before a 404 is believed, and while it is gone)? */
	| {kind: 'root-check'};

/** How a run is polled: `pending` has no data yet, `ended` is final (completed, failed, skipped, canceled). */
export type RunCadence = 'pending' | 'working' | 'queued' | 'unknown' | 'ended';

export type RunView = {
	id: number;
	/** Null until the first answer says which sync the run belongs to. */
	syncId: number | null;
	cadence: RunCadence;
	notFound: boolean;
	/** Last answer that carried this run, by any route. */
	fetchedAt: number | null;
	failed: boolean;
};

export type SyncView = {
	id: number;
	fetchedAt: number;
	/** The sync's own status says it is failing. */
	failing: boolean;
};

/** What the scheduler needs from the store. */
export type SchedulerView = {
	runs: readonly RunView[];
	followedSyncIds: readonly number[];
	followAll: boolean;
	/** Syncs whose objects are cached (labels). With followAll, the workspace's syncs. */
	syncs: readonly SyncView[];
	/**
	 * Per sync, when the durations of its recent runs were last stored. Absent when the caller keeps no
	 * such history: then none is asked for.
	 */
	histories?: Readonly<Record<number, number>>;
	/** Syncs whose history is wanted although none of their runs works (the history screen, --history). */
	historyWanted?: readonly number[];
};

export type Outcome =
	| {
			kind: 'ok';
			/** sync-runs: ids on the page, in page order. */
			pageIds?: readonly number[];
			/** sync-list: the page after this one, or null at the end. */
			nextPage?: number | null;
	  }
	| {kind: 'failed'; error: CensusErrorKind; retryAfterMs?: number | null; status?: number | null};

type Book = {
	inFlight: boolean;
	lastSentAt: number | null;
	lastOkAt: number | null;
	failures: number;
	backoffUntil: number;
	/** Answered 404 while the API root was shown to work: never asked again while it stays in view. */
	gone: boolean;
	/** Answered 403: the token may not read it; not asked again while it stays in view (or until refresh-now). */
	forbidden: boolean;
	/** sync-runs: what the page in flight is expected to refresh. */
	covers: readonly number[];
};

export type SchedulerState = {
	books: Readonly<Record<string, Book>>;
	/** Send times of the last minute, oldest first. */
	sent: readonly number[];
	inFlight: number;
	/** No request of any kind goes out before this (a 429's pause); 0 when open. */
	rateLimitUntil: number;
	rateLimitStrikes: number;
	/** When the last 429 came back; null when none has. */
	lastRateLimitedAt: number | null;
	/** Answers other than 429 so far, counted up to the warm-up. */
	answered: number;
	/**
	 * Requests that got no answer at all (network errors, timeouts) since the last answer of any kind,
	 * and when the next probe may go; null while the API answers.
	 */
	unreachable: {since: number; failures: number; probeAt: number} | null;
	/** When the last answer of any kind (an HTTP status) came back; null before the first. */
	lastAnswerAt: number | null;
	/** When a root check last succeeded: a 404 within rootProofMs of it means that one sync or run is gone. */
	rootCheckedAt: number | null;
	/** Requests without any answer (network errors, timeouts) since the last answer. */
	silentFailures: number;
	paused: boolean;
	/**
	 * 401: the token was rejected. Polling pauses; one request at `checkAt` asks again. `by`: the target
	 * whose answer it was, so that removing that run lifts the pause.
	 */
	authPaused: {since: number; checkAt: number; by: string} | null;
	/** The API root is gone (v1 retired, a wrong base URL): one root check at `checkAt`, nothing else. */
	rootGone: {since: number; checkAt: number} | null;
	/** A 404 came while the root was not known to work: check the root before believing it. */
	rootCheck: boolean;
	/** refreshNow: everything that is polled is due at this time unless refreshed since. */
	forcedAt: number | null;
	/** refreshRun: one run due at this time unless refreshed since (after a cancel, say). */
	forcedRuns: Readonly<Record<number, number>>;
	/** Per sync, the run ids of its last list page (newest first): where the watched runs sit on it. */
	pages: Readonly<Record<number, readonly number[]>>;
	/** Runs that a list page was expected to carry and did not (too old): fetched one by one. */
	listMiss: Readonly<Record<number, true>>;
	/** Syncs whose next list page goes as deep as allowed, to find runs the last page was too short for. */
	probe: Readonly<Record<number, true>>;
	/** Follow-all: the next /syncs page to read, and when the last full pass ended. */
	syncList: {page: number; completedAt: number | null};
	actions: readonly number[];
	nextActionId: number;
};

export type Plan = {
	requests: Target[];
	/** When something next becomes sendable; null when only an answer (or a user) can change that. */
	wakeAt: number | null;
};

const EMPTY_BOOK: Book = {
	inFlight: false,
	lastSentAt: null,
	lastOkAt: null,
	failures: 0,
	backoffUntil: 0,
	gone: false,
	forbidden: false,
	covers: [],
};

// Lower sorts first: when the budget is short, user actions and first looks go before refreshes, and
// refreshes of moving runs before idle checks and labels.
// A sync's history (for an ETA) comes last of all: after the runs themselves.
const RANK = {action: 0, first: 1, moving: 2, follow: 3, label: 4, background: 5, history: 6} as const;
type Rank = (typeof RANK)[keyof typeof RANK];

type Candidate = {target: Target; due: number; rank: Rank; background: boolean};

export const initialSchedulerState = (): SchedulerState => ({
	books: {},
	sent: [],
	inFlight: 0,
	rateLimitUntil: 0,
	rateLimitStrikes: 0,
	lastRateLimitedAt: null,
	answered: 0,
	unreachable: null,
	lastAnswerAt: null,
	rootCheckedAt: null,
	silentFailures: 0,
	paused: false,
	authPaused: null,
	rootGone: null,
	rootCheck: false,
	forcedAt: null,
	forcedRuns: {},
	pages: {},
	listMiss: {},
	probe: {},
	syncList: {page: 1, completedAt: null},
	actions: [],
	nextActionId: 1,
});

export const targetKey = (target: Target): string => {
	switch (target.kind) {
		case 'run':
			return `run:${target.runId}`;
		case 'sync-runs':
			return `sync-runs:${target.syncId}`;
		case 'sync-list':
			return 'sync-list';
		case 'sync':
			return `sync:${target.syncId}`;
		case 'sync-history':
			return `sync-history:${target.syncId}`;
		case 'action':
			return `action:${target.actionId}`;
		case 'root-check':
			return 'root-check';
	}
};

const isMoving = (cadence: RunCadence): boolean =>
	cadence === 'working' || cadence === 'queued' || cadence === 'unknown';

const cadenceMs = (cadence: RunCadence, config: SchedulerConfig): number => {
	switch (cadence) {
		case 'working':
			return config.intervalMs;
		case 'queued':
			return config.intervalMs * config.slowFactor;
		case 'unknown':
			return config.intervalMs * config.unknownFactor;
		case 'pending':
			return 0;
		case 'ended':
			return Number.POSITIVE_INFINITY;
	}
};

const isForced = (state: SchedulerState, refreshedAt: number | null): boolean =>
	state.forcedAt !== null && (refreshedAt ?? Number.NEGATIVE_INFINITY) < state.forcedAt;

/** When a moving or pending run wants its next answer, before the per-target guards. */
const runDue = (state: SchedulerState, run: RunView, config: SchedulerConfig): number => {
	if (run.fetchedAt === null) return 0;
	const due = run.fetchedAt + cadenceMs(run.cadence, config);
	const forcedAt = Math.max(state.forcedAt ?? Number.NEGATIVE_INFINITY, state.forcedRuns[run.id] ?? Number.NEGATIVE_INFINITY);
	return run.fetchedAt < forcedAt ? Math.min(due, forcedAt) : due;
};

/** Backoff after failures and the minimum gap between two sends of one target. */
const guarded = (due: number, book: Book | undefined, config: SchedulerConfig): number =>
	book === undefined
		? due
		: Math.max(due, book.backoffUntil, (book.lastSentAt ?? Number.NEGATIVE_INFINITY) + config.minGapMs);

/** Never the same run twice within minGap, whichever route the earlier answer took. */
const runGap = (state: SchedulerState, run: RunView, config: SchedulerConfig): number =>
	Math.max(
		(run.fetchedAt ?? Number.NEGATIVE_INFINITY) + config.minGapMs,
		(state.books[`run:${run.id}`]?.lastSentAt ?? Number.NEGATIVE_INFINITY) + config.minGapMs,
	);

/**
 * Where a run sits on its sync's list (0 = newest). Known from the last page when it was on it; otherwise
 * at least as deep as the number of newer runs of that sync seen anywhere (ids grow with creation time).
 */
const positionOf = (runId: number, page: readonly number[], known: ReadonlySet<number>): number => {
	const index = page.indexOf(runId);
	if (index !== -1) return index;
	let newer = 0;
	for (const id of known) if (id > runId) newer++;
	return newer;
};

type FollowMode = 'explicit' | 'all' | 'none';

type SyncPlan = {covers: number[]; candidate: Candidate | null};

function planSyncRuns(
	state: SchedulerState,
	syncId: number,
	runs: readonly RunView[],
	mode: FollowMode,
	failing: boolean,
	now: number,
	config: SchedulerConfig,
): SyncPlan {
	const book = state.books[`sync-runs:${syncId}`];
	if (book?.gone || book?.forbidden) return {covers: [], candidate: null};

	const page = state.pages[syncId] ?? [];
	const known = new Set([...page, ...runs.map(run => run.id)]);
	const moving = runs.filter(run => isMoving(run.cadence));

	// A page runs from the newest run down. Without following, it must stop above every watched run that
	// has ended (its final answer is in): otherwise that run would ride along on every refresh. The
	// estimated position is a lower bound, so the page errs on the short side.
	let depthLimit = MAX_PER_PAGE;
	if (mode === 'none') {
		for (const run of runs) if (run.cadence === 'ended') depthLimit = Math.min(depthLimit, positionOf(run.id, page, known));
	}

	// While the list is backing off after a failure, its runs are fetched one by one: batching saves
	// requests, it must not cost freshness.
	const listFailing = book !== undefined && book.backoffUntil > now;
	const placed = listFailing
		? []
		: moving
				.filter(run => state.listMiss[run.id] === undefined)
				.map(run => ({run, position: positionOf(run.id, page, known)}))
				.filter(({position}) => position < depthLimit);
	if (mode === 'none' && placed.length < 2) return {covers: [], candidate: null};

	const covers = placed.map(({run}) => run.id);
	const busy =
		book?.inFlight === true ||
		state.books[`sync-history:${syncId}`]?.inFlight === true ||
		placed.some(({run}) => state.books[`run:${run.id}`]?.inFlight === true);
	if (busy) return {covers, candidate: null};

	const lastOkAt = book?.lastOkAt ?? null;
	const wanted =
		state.probe[syncId] === undefined ? Math.max(0, ...placed.map(({position}) => position + 1 + config.pageSlack)) : MAX_PER_PAGE;
	let floor = 0;
	if (mode === 'explicit') floor = lastOkAt === null ? config.followFirstPerPage : config.followIdlePerPage;
	else if (mode === 'all') floor = 1;
	const perPage = Math.max(1, Math.min(depthLimit, Math.max(wanted, floor)));

	let due = Math.min(Number.POSITIVE_INFINITY, ...placed.map(({run}) => runDue(state, run, config)));
	if (mode !== 'none') {
		const idleEvery = mode === 'explicit' ? config.followExplicitIdleMs : config.followIdleMs;
		const every = moving.length > 0 ? config.intervalMs : idleEvery;
		let followDue = lastOkAt === null ? 0 : lastOkAt + every;
		const worthForcing = mode === 'explicit' || moving.length > 0 || failing;
		if (worthForcing && isForced(state, lastOkAt) && state.forcedAt !== null) followDue = Math.min(followDue, state.forcedAt);
		due = Math.min(due, followDue);
	}

	for (const {run} of placed) due = Math.max(due, runGap(state, run, config));

	let rank: Rank = RANK.background;
	if (covers.length > 0 || moving.length > 0) rank = RANK.moving;
	else if (mode === 'explicit') rank = lastOkAt === null ? RANK.first : RANK.follow;
	else if (failing) rank = RANK.follow;

	return {
		covers,
		candidate: {
			target: {kind: 'sync-runs', syncId, perPage, covers},
			due: guarded(due, book, config),
			rank,
			background: rank === RANK.background,
		},
	};
}

function collectCandidates(state: SchedulerState, view: SchedulerView, now: number, config: SchedulerConfig): Candidate[] {
	const candidates: Candidate[] = state.actions.map(actionId => ({
		target: {kind: 'action', actionId},
		due: 0,
		rank: RANK.action,
		background: false,
	}));

	const bySync = new Map<number, RunView[]>();
	for (const run of view.runs) {
		if (run.syncId === null || run.notFound) continue;
		const list = bySync.get(run.syncId);
		if (list) list.push(run);
		else bySync.set(run.syncId, [run]);
	}

	const syncInfo = new Map(view.syncs.map(sync => [sync.id, sync]));
	const followed = new Set(view.followedSyncIds);
	const everySync = new Set([...bySync.keys(), ...followed, ...(view.followAll ? syncInfo.keys() : [])]);

	const covered = new Set<number>();
	for (const book of Object.values(state.books)) if (book.inFlight) for (const id of book.covers) covered.add(id);

	for (const syncId of everySync) {
		const runs = bySync.get(syncId) ?? [];
		const mode: FollowMode = followed.has(syncId) ? 'explicit' : view.followAll ? 'all' : 'none';
		const newest = runs.reduce<RunView | null>((best, run) => (run.cadence !== 'pending' && (!best || run.id > best.id) ? run : best), null);
		const failing = (syncInfo.get(syncId)?.failing ?? false) || (newest?.failed ?? false);
		const plan = planSyncRuns(state, syncId, runs, mode, failing, now, config);
		for (const id of plan.covers) covered.add(id);
		if (plan.candidate) candidates.push(plan.candidate);
	}

	for (const run of view.runs) {
		if (run.notFound || run.cadence === 'ended' || covered.has(run.id)) continue;
		const book = state.books[`run:${run.id}`];
		if (book?.inFlight || book?.gone || book?.forbidden) continue;
		// Its sync's history page carries it: the answer counts as a fetch.
		if (run.syncId !== null && state.books[`sync-history:${run.syncId}`]?.inFlight) continue;
		const due = Math.max(runDue(state, run, config), runGap(state, run, config));
		candidates.push({
			target: {kind: 'run', runId: run.id},
			due: guarded(due, book, config),
			rank: run.cadence === 'pending' ? RANK.first : RANK.moving,
			background: false,
		});
	}

	const listingDone = state.syncList.completedAt !== null;
	for (const syncId of new Set([...bySync.keys(), ...followed])) {
		const book = state.books[`sync:${syncId}`];
		if (book?.inFlight || book?.gone || book?.forbidden) continue;
		const info = syncInfo.get(syncId);
		let due: number;
		let rank: Rank = RANK.label;
		if (info === undefined) {
			// With follow-all the listing brings every label; ask singly only for what it did not have.
			if (view.followAll && !listingDone) continue;
			due = 0;
		} else {
			const active = followed.has(syncId) || (bySync.get(syncId) ?? []).some(run => isMoving(run.cadence));
			if (view.followAll || !active) continue;
			due = info.fetchedAt + config.syncInfoMs;
			rank = RANK.background;
		}

		candidates.push({target: {kind: 'sync', syncId}, due: guarded(due, book, config), rank, background: true});
	}

	if (view.histories !== undefined) candidates.push(...historyCandidates(state, view.histories, view.historyWanted ?? [], bySync, now, config));
	const rootBook = state.books['root-check'];
	if (state.rootCheck && !rootBook?.inFlight && !rootBook?.forbidden) {
		candidates.push({target: {kind: 'root-check'}, due: guarded(0, rootBook, config), rank: RANK.first, background: false});
	}

	if (view.followAll) {
		const book = state.books['sync-list'];
		if (!book?.inFlight && !book?.forbidden) {
			const {page, completedAt} = state.syncList;
			const due = completedAt === null || page > 1 ? 0 : completedAt + config.syncListMs;
			candidates.push({
				target: {kind: 'sync-list', page},
				due: guarded(due, book, config),
				// Above the idle checks, which always have something overdue when the workspace is large.
				rank: listingDone ? RANK.label : RANK.first,
				background: listingDone,
			});
		}
	}

	return candidates;
}

/**
 * Once per sync with a working run, and again at most every syncHistoryMs while one works: the durations
 * of its recent runs, for the run's expected duration and time left. The page carries the sync's watched
 * runs too, so it goes after them: not while one is due or being fetched, and not within their minimum gap.
 * A sync whose history is wanted (the history screen) gets it once even when nothing of it works; the
 * list pages read anyway keep it fresh after that.
 */
function historyCandidates(
	state: SchedulerState,
	histories: Readonly<Record<number, number>>,
	wanted: readonly number[],
	bySync: ReadonlyMap<number, readonly RunView[]>,
	now: number,
	config: SchedulerConfig,
): Candidate[] {
	const candidates: Candidate[] = [];
	const syncs = new Map(bySync);
	for (const syncId of wanted) if (!syncs.has(syncId)) syncs.set(syncId, []);
	for (const [syncId, runs] of syncs) {
		const once = wanted.includes(syncId) && histories[syncId] === undefined;
		if (!once && !runs.some(run => run.cadence === 'working')) continue;
		const book = state.books[`sync-history:${syncId}`];
		if (book?.inFlight || book?.gone || book?.forbidden) continue;
		if (state.books[`sync-runs:${syncId}`]?.inFlight || runs.some(run => state.books[`run:${run.id}`]?.inFlight)) continue;
		const storedAt = Math.max(histories[syncId] ?? Number.NEGATIVE_INFINITY, book?.lastOkAt ?? Number.NEGATIVE_INFINITY);
		let due = Number.isFinite(storedAt) ? storedAt + config.syncHistoryMs : 0;
		for (const run of runs) due = Math.max(due, runGap(state, run, config));
		const sendAt = Math.max(due, now);
		if (runs.some(run => isMoving(run.cadence) && runDue(state, run, config) < sendAt + config.minGapMs)) continue;
		candidates.push({target: {kind: 'sync-history', syncId}, due: guarded(due, book, config), rank: RANK.history, background: true});
	}

	return candidates;
}

/**
 * What to send now (in order) and when to look again. `others`: send times of other processes on the
 * same token (oldest first), which count against the same budget.
 */
export function planRequests(
	state: SchedulerState,
	view: SchedulerView,
	now: number,
	config: SchedulerConfig = DEFAULT_SCHEDULER_CONFIG,
	others: readonly number[] = [],
): Plan {
	if (state.rootGone !== null || state.authPaused !== null) return planCheck(state, view, now, config);

	const all = collectCandidates(state, view, now, config);
	// Paused: user actions only, and once what refresh-now made due (r while paused refreshes once and stays paused).
	const forcedAt = state.forcedAt ?? Number.NEGATIVE_INFINITY;
	const candidates = state.paused ? all.filter(candidate => candidate.target.kind === 'action' || candidate.due <= forcedAt) : all;
	// While nothing answers, the single probe is whatever answered most recently: a target that stalls
	// on its own must not be the one that decides whether the API is back.
	const byRecentAnswer = (a: Candidate, b: Candidate): number => lastOkOf(state, b) - lastOkOf(state, a);
	candidates.sort((a, b) =>
		state.unreachable !== null && a.rank !== RANK.action && b.rank !== RANK.action
			? byRecentAnswer(a, b) || a.rank - b.rank || a.due - b.due
			: a.rank - b.rank || a.due - b.due,
	);

	const calm = state.lastRateLimitedAt !== null && now - state.lastRateLimitedAt < config.rateLimitCalmMs;
	// While nothing answers, a single probe at a time finds out when the API is back.
	const probeAt = state.unreachable?.probeAt ?? 0;
	const maxInFlight = calm || state.unreachable !== null || state.answered < config.warmupRequests ? 1 : config.maxInFlight;
	// A request out longer than a wave's stall time stops holding the single lane (warm-up, after a 429):
	// one answer that never comes (until the timeout) must not keep every other target waiting. Never
	// beyond the usual cap, and not while probing a silent API.
	const stalled = state.unreachable === null ? stalledSince(state, now, config) : {count: 0, nextAt: null};
	const lastSentAt = state.sent.at(-1) ?? Number.NEGATIVE_INFINITY;
	const waveDoneAt = state.inFlight === 0 ? now : lastSentAt + config.waveStallMs;
	const sent = mergeWindows(state.sent, others, now);
	const backgroundLimit = Math.floor(config.budgetPerMinute * config.backgroundShare);
	const paced = paceLimit(config.budgetPerMinute);
	// The pace is this process's own: other processes on the token share the minute's budget, not its rhythm.
	const ownRecent = [...inWindow(state.sent, now, PACE_WINDOW_MS)];
	let inFlight = state.inFlight;
	const requests: Target[] = [];
	let wakeAt: number | null = null;
	// A target that never answered is no probe while one that did is waiting for its turn.
	const probeFromAnswered = state.unreachable !== null && candidates.some(candidate => candidate.rank !== RANK.action && Number.isFinite(lastOkOf(state, candidate)));
	for (const candidate of candidates) {
		if (!Number.isFinite(candidate.due)) continue;
		if (probeFromAnswered && candidate.rank !== RANK.action && !Number.isFinite(lastOkOf(state, candidate))) continue;
		const limit = candidate.background ? backgroundLimit : config.budgetPerMinute;
		// Only refreshes (of what has answered before) are paced: user actions and first looks are what the user is waiting for.
		const refresh = candidate.rank >= RANK.moving && state.books[targetKey(candidate.target)]?.lastOkAt != null;
		const paceAt = refresh ? slotFreeAt(ownRecent, now, paced, PACE_WINDOW_MS) : now;
		// Paced refreshes go one or two at a time, so they do not wait for the wave before them: behind a slow
		// API that would hold them to one per answer, far below the budget.
		const waveAt = requests.length > 0 || refresh ? now : waveDoneAt;
		const at = Math.max(candidate.due, state.rateLimitUntil, probeAt, slotFreeAt(sent, now, limit), paceAt, waveAt);
		if (at > now) {
			if (Number.isFinite(at)) wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
			continue;
		}

		// At the cap, the next answer (or the oldest request stalling) frees a slot and the engine plans again then.
		if (inFlight >= config.maxInFlight || inFlight - stalled.count >= maxInFlight) {
			if (stalled.nextAt !== null) wakeAt = wakeAt === null ? stalled.nextAt : Math.min(wakeAt, stalled.nextAt);
			continue;
		}

		requests.push(candidate.target);
		sent.push(now);
		ownRecent.push(now);
		inFlight++;
	}

	return {requests, wakeAt};
}

const lastOkOf = (state: SchedulerState, candidate: Candidate): number =>
	state.books[targetKey(candidate.target)]?.lastOkAt ?? Number.NEGATIVE_INFINITY;

/** Requests in flight for longer than the stall time, and when the next one will have been. */
function stalledSince(state: SchedulerState, now: number, config: SchedulerConfig): {count: number; nextAt: number | null} {
	let count = 0;
	let nextAt: number | null = null;
	for (const book of Object.values(state.books)) {
		if (!book.inFlight || book.lastSentAt === null) continue;
		const at = book.lastSentAt + config.waveStallMs;
		if (at <= now) count++;
		else nextAt = nextAt === null ? at : Math.min(nextAt, at);
	}

	return {count, nextAt};
}

/**
 * While the token is rejected or the API root is gone, polling waits; one request at a time, at the
 * check time, finds out whether that is over. For the token that is what answered most recently (what
 * the token could read before); for the root, the smallest page of the sync list.
 */
function planCheck(state: SchedulerState, view: SchedulerView, now: number, config: SchedulerConfig): Plan {
	const check = state.rootGone ?? state.authPaused;
	if (check === null || state.paused || state.inFlight > 0) return {requests: [], wakeAt: null};
	const at = Math.max(check.checkAt, state.rateLimitUntil);
	if (at > now) return {requests: [], wakeAt: at};
	let target: Target = {kind: 'root-check'};
	if (state.rootGone === null) {
		const recent = collectCandidates(state, view, now, config)
			.filter(candidate => candidate.rank !== RANK.action && Number.isFinite(lastOkOf(state, candidate)))
			.sort((a, b) => lastOkOf(state, b) - lastOkOf(state, a));
		target = recent[0]?.target ?? target;
	}

	return {requests: [target], wakeAt: null};
}

export function onSent(state: SchedulerState, target: Target, now: number): SchedulerState {
	const next: SchedulerState = {
		...state,
		sent: [...inWindow(state.sent, now, BUDGET_WINDOW_MS), now],
		inFlight: state.inFlight + 1,
	};
	if (target.kind === 'action') {
		next.actions = state.actions.filter(id => id !== target.actionId);
		return next;
	}

	const key = targetKey(target);
	const book = state.books[key] ?? EMPTY_BOOK;
	const covers = target.kind === 'sync-runs' ? target.covers : [];
	next.books = {...state.books, [key]: {...book, inFlight: true, lastSentAt: now, covers}};
	return next;
}

/**
 * What a list page taught: where the runs sit now, and which expected runs it lacked. A run older than a
 * full page gets one deeper look (a page of 100); after that, or when the page was not full (the run is
 * not on this list at all), it is fetched on its own from then on.
 */
function afterPage(
	state: SchedulerState,
	target: Extract<Target, {kind: 'sync-runs'}>,
	answered: readonly number[],
): Pick<SchedulerState, 'pages' | 'listMiss' | 'probe'> {
	const pageIds = answered.slice(0, MAX_PER_PAGE);
	const pages = {...state.pages, [target.syncId]: pageIds};
	const probing = state.probe[target.syncId] !== undefined;
	const probe: Record<number, true> = {...state.probe};
	delete probe[target.syncId];
	const missing = target.covers.filter(id => !pageIds.includes(id));
	if (missing.length === 0) return {pages, listMiss: state.listMiss, probe};

	const oldest = Math.min(...pageIds);
	const canLookDeeper = !probing && pageIds.length >= target.perPage && target.perPage < MAX_PER_PAGE;
	const listMiss: Record<number, true> = {...state.listMiss};
	for (const id of missing) {
		if (canLookDeeper && id < oldest) probe[target.syncId] = true;
		else listMiss[id] = true;
	}

	return {pages, listMiss, probe};
}

export function onResult(
	state: SchedulerState,
	target: Target,
	outcome: Outcome,
	now: number,
	random: () => number,
	config: SchedulerConfig = DEFAULT_SCHEDULER_CONFIG,
): SchedulerState {
	const next: SchedulerState = {...state, inFlight: Math.max(0, state.inFlight - 1)};
	const key = targetKey(target);
	const before = state.books[key] ?? EMPTY_BOOK;
	const book: Book = {...before, inFlight: false, covers: []};

	if (!(outcome.kind === 'failed' && (outcome.error === 'rate_limited' || outcome.error === 'aborted'))) {
		next.answered = Math.min(config.warmupRequests, state.answered + 1);
	}

	const error = outcome.kind === 'failed' ? outcome.error : null;
	const unanswered = error === 'network' || error === 'timeout';
	const answered = !(unanswered || error === 'aborted' || error === 'insecure');
	if (answered) {
		next.lastAnswerAt = now;
		next.silentFailures = 0;
		const tokenRejected = error === 'auth' && outcome.kind === 'failed' && outcome.status !== 403;
		const authOver = state.authPaused !== null && !tokenRejected;
		const rootOver = state.rootGone !== null && error !== 'root_gone';
		// The API is back, the token works again, the root answers: whatever waited is due again.
		// A 403 mark stays: only the user's refresh-now clears it.
		if (state.unreachable !== null || authOver || rootOver) next.books = dueAgain(state.books, now, false);
		next.unreachable = null;
		if (authOver) next.authPaused = null;
		if (rootOver) next.rootGone = null;
	} else if (unanswered && (state.rootGone !== null || state.authPaused !== null)) {
		// The check got no answer: it is tried again at the same slow pace.
		if (state.rootGone !== null) next.rootGone = {...state.rootGone, checkAt: now + config.rootProbeMs};
		else if (state.authPaused !== null) next.authPaused = {...state.authPaused, checkAt: now + config.authRecheckMs};
	}

	if (outcome.kind === 'ok') {
		book.failures = 0;
		book.backoffUntil = 0;
		book.lastOkAt = now;
		next.rateLimitStrikes = 0;
		if (target.kind === 'root-check') {
			next.rootCheck = false;
			next.rootCheckedAt = now;
		}

		if (target.kind === 'sync-runs') Object.assign(next, afterPage(state, target, outcome.pageIds ?? []));
		if (target.kind === 'sync-list') {
			const after = outcome.nextPage ?? null;
			// A next_page that does not advance, or a workspace beyond the cap, ends the pass.
			const more = after !== null && after > target.page && after <= config.maxSyncListPages;
			next.syncList = more ? {page: after, completedAt: state.syncList.completedAt} : {page: 1, completedAt: now};
		}
	} else {
		switch (outcome.error) {
			case 'aborted':
				break;
			case 'root_gone':
				next.rootGone = {since: state.rootGone?.since ?? now, checkAt: now + config.rootProbeMs};
				next.rootCheck = false;
				break;
			case 'auth':
			case 'insecure':
				if (outcome.status === 403) {
					// The token works but may not read this one resource: that resource alone stops.
					book.forbidden = true;
				} else {
					next.authPaused = {since: state.authPaused?.since ?? now, checkAt: now + config.authRecheckMs, by: key};
				}

				break;
			case 'not_found':
				// Only a root shown to work this minute (its sync list answered) makes a 404 mean "this one is
				// gone": a wrong base URL or a retired API answers 404 everywhere, and that must not empty the
				// watch list, also when it starts doing so in the middle of a session.
				if (state.rootCheckedAt !== null && now - state.rootCheckedAt <= config.rootProofMs) {
					book.gone = true;
				} else {
					next.rootCheck = true;
					book.failures += 1;
					book.backoffUntil = now + Math.max(config.minGapMs, retryDelayMs(book.failures - 1, config.backoff, random));
				}

				break;
			case 'rate_limited': {
				const strikes = state.rateLimitStrikes + 1;
				const retryAfterMs = outcome.retryAfterMs ?? null;
				const pause =
					retryAfterMs === null ? rateLimitPauseMs(strikes, config.rateLimitBackoff, random) : clampRateLimitPauseMs(retryAfterMs);
				next.rateLimitUntil = Math.max(state.rateLimitUntil, now + pause);
				next.rateLimitStrikes = strikes;
				next.lastRateLimitedAt = now;
				break;
			}

			default: {
				book.failures += 1;
				const delay = retryDelayMs(book.failures - 1, config.backoff, random);
				// No answer, while other requests sent since this one were answered: this target alone is slow,
				// and it backs off on its own. Only when nothing answers is the API unreachable.
				const othersAnswer = before.lastSentAt !== null && state.lastAnswerAt !== null && state.lastAnswerAt >= before.lastSentAt;
				const silent = unanswered && !othersAnswer;
				if (silent) {
					next.silentFailures = state.silentFailures + 1;
					if (outcome.error === 'network' || next.silentFailures >= 2 || state.unreachable !== null) {
						next.unreachable = afterUnanswered(state.unreachable, now, random, config);
					}
				}

				// No answer at all says nothing about this target (earlier 5xx streaks included): the probe's
				// cadence bounds how long it waits, so that it is asked again soon after the API is back.
				book.backoffUntil = now + Math.max(config.minGapMs, silent ? Math.min(delay, config.offlineProbeMs) : delay);
			}
		}
	}

	if (target.kind !== 'action') next.books = {...next.books, [key]: book};
	return next;
}

/** The probe waits longer after each failure in a row, between half and all of a capped doubling. */
function afterUnanswered(
	unreachable: SchedulerState['unreachable'],
	now: number,
	random: () => number,
	config: SchedulerConfig,
): NonNullable<SchedulerState['unreachable']> {
	const failures = (unreachable?.failures ?? 0) + 1;
	const wait = rateLimitPauseMs(failures, {baseDelayMs: config.backoff.baseDelayMs, maxDelayMs: config.offlineProbeMs}, random);
	return {
		since: unreachable?.since ?? now,
		failures,
		probeAt: Math.max(unreachable?.probeAt ?? 0, now + Math.max(config.minGapMs, wait)),
	};
}

/** Another party (the client's shared gate) says nothing may go out before `until`. */
export const holdUntil = (state: SchedulerState, until: number | null): SchedulerState =>
	until !== null && until > state.rateLimitUntil ? {...state, rateLimitUntil: until} : state;

export const setPaused = (state: SchedulerState, paused: boolean): SchedulerState =>
	state.paused === paused ? state : {...state, paused};

/** Books whose backoff stops now; with `clearForbidden`, 403 marks go too. */
function dueAgain(books: Readonly<Record<string, Book>>, now: number, clearForbidden: boolean): Record<string, Book> {
	const due: Record<string, Book> = {};
	for (const [key, book] of Object.entries(books)) {
		const forbidden = book.forbidden && !clearForbidden;
		due[key] = book.backoffUntil > now || book.forbidden !== forbidden ? {...book, backoffUntil: 0, forbidden} : book;
	}

	return due;
}

/** Everything that is polled becomes due now, and failed targets stop backing off; the budget and a 429 pause still hold. */
export function refreshNow(state: SchedulerState, now: number): SchedulerState {
	const books = dueAgain(state.books, now, true);

	// A rejected token and a gone root are checked at once (the user asked), not at their slow pace.
	const authPaused = state.authPaused === null ? null : {...state.authPaused, checkAt: now};
	const rootGone = state.rootGone === null ? null : {...state.rootGone, checkAt: now};
	return {...state, forcedAt: now, books, authPaused, rootGone};
}

/** Queued user actions are dropped (the engine has told their callers). */
export const abandonActions = (state: SchedulerState): SchedulerState => (state.actions.length === 0 ? state : {...state, actions: []});

/** After a stop: nothing is in flight any more, but the budget window still remembers what was sent. */
export function abandonInFlight(state: SchedulerState): SchedulerState {
	const books: Record<string, Book> = {};
	for (const [key, book] of Object.entries(state.books)) books[key] = book.inFlight ? {...book, inFlight: false, covers: []} : book;
	return {...state, books, inFlight: 0};
}

/** One run is due now (unless it has ended), within the budget and any 429 pause. */
export const refreshRun = (state: SchedulerState, runId: number, now: number): SchedulerState => ({
	...state,
	forcedRuns: {...state.forcedRuns, [runId]: now},
});

export function enqueueAction(state: SchedulerState): {state: SchedulerState; actionId: number} {
	const actionId = state.nextActionId;
	return {state: {...state, actions: [...state.actions, actionId], nextActionId: actionId + 1}, actionId};
}

/** Drops bookkeeping of runs and syncs no longer in view, so that memory follows the watch list. */
export function forgetStale(state: SchedulerState, view: SchedulerView): SchedulerState {
	const runIds = new Set(view.runs.map(run => run.id));
	const syncIds = new Set<number>(view.followedSyncIds);
	for (const run of view.runs) if (run.syncId !== null) syncIds.add(run.syncId);
	if (view.followAll) for (const sync of view.syncs) syncIds.add(sync.id);
	for (const syncId of view.historyWanted ?? []) syncIds.add(syncId);

	const live = (key: string): boolean => {
		const [kind, id] = key.split(':');
		if (kind === 'run') return runIds.has(Number(id));
		if (kind === 'sync' || kind === 'sync-runs' || kind === 'sync-history') return syncIds.has(Number(id));
		if (kind === 'sync-list') return view.followAll;
		return true;
	};

	const staleBooks = Object.keys(state.books).filter(key => !state.books[key]?.inFlight && !live(key));
	// The run whose 401 paused polling was removed: what it said no longer holds everything back.
	const authPaused = state.authPaused !== null && !live(state.authPaused.by) ? null : state.authPaused;
	const stalePages = Object.keys(state.pages).filter(id => !syncIds.has(Number(id)));
	const staleProbes = Object.keys(state.probe).filter(id => !syncIds.has(Number(id)));
	const staleMisses = Object.keys(state.listMiss).filter(id => !runIds.has(Number(id)));
	const staleForced = Object.keys(state.forcedRuns).filter(id => !runIds.has(Number(id)));
	const stale = staleBooks.length + stalePages.length + staleProbes.length + staleMisses.length + staleForced.length;
	if (stale === 0 && authPaused === state.authPaused) return state;

	const books = {...state.books};
	for (const key of staleBooks) delete books[key];
	const pages = {...state.pages};
	for (const id of stalePages) delete pages[Number(id)];
	const probe = {...state.probe};
	for (const id of staleProbes) delete probe[Number(id)];
	const listMiss = {...state.listMiss};
	for (const id of staleMisses) delete listMiss[Number(id)];
	const forcedRuns = {...state.forcedRuns};
	for (const id of staleForced) delete forcedRuns[Number(id)];
	return {...state, books, pages, probe, listMiss, forcedRuns, authPaused};
}
