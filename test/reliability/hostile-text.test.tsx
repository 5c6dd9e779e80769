import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import fc from 'fast-check';
import type {CensusApi} from '../../source/census/api.js';
import {createCensusClient} from '../../source/census/client.js';
import type {Simulator} from '../../source/simulator/server.js';
import {createRunStore} from '../../source/store/run-store.js';
import {KEYS, noActions} from '../tui/app/app-fixtures.js';
import {ATTACK_PIECES, CHALK_SGR_PARAMETERS, foreignSequences, type Vocabulary} from './escapes.js';
import {startSim, TOKEN} from './rig.js';

// Whatever text the API sends as a label, status, step, error code, message or detail, the bytes the App
// writes hold no control sequence but its own: SGR colours and styles, and OSC 8 links to the web app.
// The texts come from fast-check, go into the simulator's workspace, come back through the client into a
// store, and the real App renders them on every screen (list, detail, inspector, help) with colour on.

// Chalk decides on colour when it is first loaded: turn it on before Ink (and so chalk) is imported.
process.env['FORCE_COLOR'] = '1';
const {cleanup} = await import('ink-testing-library');
const {renderApp} = await import('../tui/app/render-app.js');

let sim: Simulator;
let api: CensusApi;

beforeAll(async () => {
	sim = await startSim({scenario: 'quiet', syncs: 0, history: 0});
	api = createCensusClient({baseUrl: sim.url, token: TOKEN, retry: {limit: 0}});
});

afterAll(async () => {
	await sim.close();
});

const vocabulary = (origin: string): Vocabulary => ({
	csi: /^$/,
	sgr: CHALK_SGR_PARAMETERS,
	osc: new RegExp(`^8;;(?:${origin.replaceAll('.', '\\.')}/[\\u0021-\\u007e]*)?$`),
	c0: new Set(),
});

const hostile = fc
	.array(fc.oneof(fc.constantFrom(...ATTACK_PIECES), fc.string({maxLength: 6}), fc.string({unit: 'binary', maxLength: 4})), {maxLength: 10})
	.map(parts => parts.join(''));

const texts = fc.record({
	label: hostile,
	syncStatus: hostile,
	status: hostile,
	step: hostile,
	failedStep: hostile,
	errorCode: hostile,
	errorMessage: hostile,
	errorDetail: hostile,
	trigger: hostile,
	notice: hostile,
});

type Texts = typeof texts extends fc.Arbitrary<infer T> ? T : never;

const size = fc.constantFrom({columns: 160, rows: 40}, {columns: 100, rows: 30}, {columns: 60, rows: 16});

async function bytesWritten(input: Texts, {columns, rows}: {columns: number; rows: number}, copied: string[]): Promise<string> {
	const {world} = sim;
	const syncId = world.addSync({label: input.label, status: input.syncStatus});
	const ago = new Date(Date.now() - 600_000).toISOString();
	const failed = world.addRun(syncId, {
		status: 'failed',
		created_at: ago,
		current_step: input.failedStep,
		error_code: input.errorCode,
		error_message: input.errorMessage,
		error_detail: input.errorDetail,
		records_failed: 3,
		sync_trigger_reason: {ui_tag: input.trigger, ui_detail: input.trigger},
	});
	const odd = world.addRun(syncId, {status: input.status, created_at: ago, completed_at: null, current_step: input.step, error_message: input.errorMessage});

	const store = createRunStore({watch: {runIds: [failed, odd], syncIds: [], all: false}});
	const now = Date.now();
	store.getState().applyRuns([await api.getSyncRun(failed), await api.getSyncRun(odd)], now, {origin: 'id'});
	store.getState().upsertSyncs([await api.getSync(syncId)], now);
	store.getState().setRunError(odd, `GET /sync_runs/${odd}: 500 Internal Server Error: ${input.errorMessage}`);
	store.getState().pushNotice('error', `Polling stopped: ${input.notice}`, now);
	store.getState().recordSuccess(now);

	const actions = {
		...noActions(),
		copyToClipboard: (text: string) => {
			copied.push(text);
			return 'copied';
		},
	};
	const view = renderApp(store, {size: {columns, rows}, options: {hyperlinks: true, baseUrl: sim.url}, actions});
	await view.press(KEYS.enter, KEYS.escape, KEYS.down, KEYS.enter, 'e', KEYS.pageDown, 'n', KEYS.escape, KEYS.escape, '?', KEYS.escape);

	const written = view.frames.join('\n');
	view.unmount();
	cleanup();
	return written;
}

describe('hostile text from the API', () => {
	it('never puts a control sequence of its own into the App’s output, on any screen', async () => {
		const origin = new URL(sim.url).origin;
		let colouredFrames = 0;
		let linkedFrames = 0;
		await fc.assert(
			fc.asyncProperty(texts, size, async (input, terminal) => {
				const copied: string[] = [];
				const written = await bytesWritten(input, terminal, copied);
				if (/\u001B\[3\dm/.test(written)) colouredFrames++;
				if (written.includes('\u001B]8;;http')) linkedFrames++;
				expect(foreignSequences(written, vocabulary(origin))).toEqual([]);
				expect(copied).toEqual([]);
			}),
			{numRuns: 30},
		);
		// The check looked at real colours and links, not at output with none.
		expect(colouredFrames).toBe(30);
		expect(linkedFrames).toBeGreaterThan(0);
	}, 120_000);
});
