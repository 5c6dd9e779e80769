import {describe, expect, it} from 'vitest';
import {parseSync, parseSyncRun} from '../../source/census/parse.js';
import {attachNotifier, createNotifier, type NotifierOptions} from '../../source/cli/notify.js';
import {createRunStore} from '../../source/store/run-store.js';
import {runJson as apiRun, syncJson} from '../helpers/builders.js';

const BEL = '\u0007';
const ESC = '\u001b';

function setup(options: Partial<NotifierOptions> = {}) {
	const written: string[] = [];
	const store = createRunStore({watch: {runIds: [], syncIds: [52], all: false}});
	store.getState().upsertSyncs([parseSync(syncJson({id: 52, label: 'Users → Salesforce'}))], 0);
	const notifier = createNotifier({mode: 'failures', env: {}, write: sequence => written.push(sequence), ...options});
	const detach = attachNotifier(store, notifier);
	let now = 1;
	const apply = (...runs: Array<Record<string, unknown>>) => {
		store.getState().applyRuns(
			runs.map(fields => parseSyncRun(apiRun(fields))),
			now++,
		);
	};

	return {written, apply, store, detach};
}

describe('createNotifier', () => {
	it('rings and notifies through OSC 9 and OSC 777 when a run seen moving fails', () => {
		const {written, apply} = setup();
		apply({id: 1, status: 'working'});
		expect(written).toEqual([]);
		apply({id: 1, status: 'failed', error_code: 'invalid_credentials'});
		const body = 'run 1 failed (invalid_credentials): Users → Salesforce (sync 52)';
		expect(written).toEqual([`${BEL}${ESC}]9;${body}${BEL}${ESC}]777;notify;census-watch;${body}${BEL}`]);
	});

	it('stays quiet about runs that had already ended when first seen', () => {
		const {written, apply} = setup({mode: 'all'});
		apply({id: 1, status: 'failed'}, {id: 2, status: 'completed'});
		apply({id: 1, status: 'failed', updated_at: 'later'}, {id: 2, status: 'completed', updated_at: 'later'});
		expect(written).toEqual([]);
	});

	it('counts a run first seen queued or with an unknown status as moving', () => {
		const {written, apply} = setup();
		apply({id: 1, status: 'queued'}, {id: 2, status: 'rebalancing'});
		apply({id: 1, status: 'failed'}, {id: 2, status: 'failed'});
		expect(written).toHaveLength(2);
	});

	it('under failures, notifies for failures and rejected records only', () => {
		const {written, apply} = setup({mode: 'failures'});
		apply(
			{id: 1, status: 'working'},
			{id: 2, status: 'working'},
			{id: 3, status: 'working'},
			{id: 4, status: 'working'},
			{id: 5, status: 'working'},
		);
		apply(
			{id: 1, status: 'completed', records_failed: 0},
			{id: 2, status: 'completed', records_failed: 7},
			{id: 3, status: 'completed', canceled: true},
			{id: 4, status: 'skipped'},
			{id: 5, status: 'failed'},
		);
		expect(written).toHaveLength(2);
		expect(written[0]).toContain('run 2 completed, 7 records rejected: Users → Salesforce (sync 52)');
		expect(written[1]).toContain('run 5 failed: Users → Salesforce (sync 52)');
	});

	it('under all, notifies for every ending', () => {
		const {written, apply} = setup({mode: 'all'});
		apply({id: 1, status: 'working'}, {id: 2, status: 'working'}, {id: 3, status: 'working'});
		apply({id: 1, status: 'completed'}, {id: 2, status: 'completed', canceled: true}, {id: 3, status: 'skipped'});
		expect(written.map(text => /\]9;(run \d+ \w+)/.exec(text)?.[1])).toEqual(['run 1 completed', 'run 2 canceled', 'run 3 skipped']);
	});

	it('under none, writes nothing', () => {
		const {written, apply} = setup({mode: 'none'});
		apply({id: 1, status: 'working'});
		apply({id: 1, status: 'failed'});
		expect(written).toEqual([]);
	});

	it('notifies at most once per run, even when the API flaps', () => {
		const {written, apply} = setup();
		apply({id: 1, status: 'working'});
		apply({id: 1, status: 'failed'});
		apply({id: 1, status: 'working'});
		apply({id: 1, status: 'failed', error_code: 'again'});
		expect(written).toHaveLength(1);
	});

	it('remembers only a bounded number of notified runs', () => {
		const {written, apply} = setup({maxRemembered: 1});
		apply({id: 1, status: 'working'}, {id: 2, status: 'working'});
		apply({id: 1, status: 'failed'}, {id: 2, status: 'failed'});
		// Run 1 was forgotten to make room for run 2, so its second ending counts again.
		apply({id: 1, status: 'working'});
		apply({id: 1, status: 'failed', error_code: 'again'});
		expect(written).toHaveLength(3);
	});

	it('wraps the OSC sequences for tmux passthrough, but not the bell', () => {
		const {written, apply} = setup({env: {TMUX: '/tmp/tmux-1000/default,123,0'}});
		apply({id: 1, status: 'working'});
		apply({id: 1, status: 'failed'});
		const body = 'run 1 failed: Users → Salesforce (sync 52)';
		expect(written).toEqual([
			`${BEL}${ESC}Ptmux;${ESC}${ESC}]9;${body}${BEL}${ESC}\\${ESC}Ptmux;${ESC}${ESC}]777;notify;census-watch;${body}${BEL}${ESC}\\`,
		]);
	});

	it('never lets a hostile label or code end the sequence early', () => {
		const {written, apply, store} = setup();
		store.getState().upsertSyncs([parseSync(syncJson({id: 52, label: `x${BEL}${ESC}]52;c;ZXZpbA==${BEL}\u009d0;t\u009c`}))], 0);
		apply({id: 1, status: 'working'});
		apply({id: 1, status: 'failed', error_code: `${ESC}[2J;`});
		const [text = ''] = written;
		// Exactly the bell and the two sequences' own terminators, and only the two sequences' own ESCs.
		expect(text.split(BEL)).toHaveLength(4);
		expect(text.split(ESC)).toHaveLength(3);
		expect(text).not.toMatch(/[\u0080-\u009f]/);
		expect(text).not.toContain(']52;');
	});

	it('stops when detached', () => {
		const {written, apply, detach} = setup();
		apply({id: 1, status: 'working'});
		detach();
		apply({id: 1, status: 'failed'});
		expect(written).toEqual([]);
	});
});
