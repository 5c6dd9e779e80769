// Child process of screen-memory.test.ts: the BUILT App, React's production build, rendered by Ink
// (debug mode, as the CLI runs it) into a sink, with WORKING runs working, one frame per simulated second
// for FRAMES frames. Each frame moves every run's duration and a few runs' records. Prints heap after GC
// (MB) at frame WARMUP and at the end, and the last frame's text, as one JSON line.
process.env.NODE_ENV = 'production';
const {EventEmitter} = await import('node:events');
const {createElement} = await import('react');
const {render} = await import('ink');
const {App} = await import('../../dist/tui/app.js');
const {createRunStore} = await import('../../dist/store/run-store.js');

const FRAMES = Number(process.env.FRAMES ?? 400);
const WARMUP = Number(process.env.WARMUP ?? 100);
const WORKING = Number(process.env.WORKING ?? 50);
const gc = globalThis.gc;
if (!gc) throw new Error('run with --expose-gc');

let now = Date.parse('2026-11-29T10:10:00.000Z');
// The App's clock, moved by hand: every user re-reads its text once per simulated second, and scheduled
// work runs at once (nothing here is throttled).
const users = new Map();
const clock = {
	now: () => now,
	subscribe(listener, changesAt) {
		users.set(listener, changesAt);
		return () => users.delete(listener);
	},
	schedule(callback) {
		callback();
		return () => {};
	},
	nextWakeAt: () => null,
	isRunning: () => users.size > 0,
};

const makeRun = (id, fields) => {
	const run = {id, syncId: 101, status: 'working', canceled: false, fullSync: false, currentStep: 'Loading data into destination service', createdAt: new Date(now - 60_000 * (id % 90 + 1) - 137 * id).toISOString(), updatedAt: new Date(now).toISOString(), completedAt: null, scheduledExecutionTime: null, sourceRecordCount: 100_000, sourceRecordUpdates: 10, sourceRecordDeletes: 0, sourceRecordInvalids: 0, recordsProcessed: 0, recordsUpdated: 0, recordsFailed: 0, errorCode: null, errorMessage: null, errorDetail: null, triggerReason: null, ...fields};
	const raw = {...run};
	delete raw.raw;
	return {...run, raw};
};

const runs = Array.from({length: WORKING}, (_, index) => makeRun(7000 + index, {syncId: 101 + (index % 10), recordsProcessed: index * 1000}));
const store = createRunStore({watch: {runIds: runs.map(run => run.id), syncIds: [], all: false}});
store.getState().applyRuns(runs, now, {origin: 'id'});
store.getState().upsertSyncs(
	Array.from({length: 10}, (_, index) => ({id: 101 + index, label: `Contacts → Salesforce ${index}`, resourceIdentifier: null, status: 'Ready', paused: false, operation: 'upsert', sourceConnectionId: 1, sourceObject: 'users', destinationConnectionId: 2, destinationObject: 'Contact', scheduleFrequency: 'hourly'})),
	now,
);

let frame = '';
const sink = Object.assign(new EventEmitter(), {
	columns: 120,
	rows: 40,
	isTTY: true,
	write(data) {
		frame = data;
		return true;
	},
});
const actions = {refreshNow() {}, setPaused() {}, quit() {}, copyToClipboard() {}, trigger: async () => {}, cancel: async () => {}, follow() {}, unfollow() {}};
const options = {demo: true, workspaceLabel: null, readOnly: false, ascii: false, animation: true, hyperlinks: false, baseUrl: 'http://127.0.0.1:1/api/v1', workspaceId: null, pollIntervalMs: 5000, budgetWindowMs: 60_000};
const instance = render(createElement(App, {store, actions, options, clock}), {stdout: sink, debug: true, patchConsole: false, exitOnCtrlC: false});

const heapMb = () => {
	gc();
	gc();
	return process.memoryUsage().heapUsed / 1_048_576;
};

let warm = 0;
for (let index = 1; index <= FRAMES; index++) {
	now += 1000;
	const moved = runs.slice((index * 5) % WORKING, ((index * 5) % WORKING) + 5).map(run => makeRun(run.id, {...run, recordsProcessed: run.recordsProcessed + index * 7, updatedAt: new Date(now).toISOString()}));
	store.getState().applyRuns(moved, now, {origin: 'id'});
	for (const listener of [...users.keys()]) listener();
	await new Promise(resolve => setImmediate(resolve));
	if (index === WARMUP) warm = heapMb();
}

const end = heapMb();
const lastFrame = frame;
instance.unmount();
console.log(JSON.stringify({warm, end, frames: FRAMES, lastFrame}));
