import {afterEach, describe, expect, it} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import {createPoller} from '../../source/polling/engine.js';
import {createRunStore} from '../../source/store/run-store.js';
import {V1_RETIRED_FORMS} from '../../source/simulator/faults.js';
import {closeRigs, eventually, FAST, newestRuns, onClose, sleep, startSim, TOKEN} from './rig.js';

// The simulator's v1Retired knob (each form a retired v1 may take) against client + engine + store:
// one clear state with the right reason, nothing lost, polling stopped (requests counted), and back by
// itself once v1 answers again.

afterEach(closeRigs);

describe('v1 retired, through the simulator', () => {
	it.each(V1_RETIRED_FORMS)('%s', async form => {
		const sim = await startSim();
		// The app's clock runs from a day before v1's retirement, so that a bare 404 reads the same whatever today is.
		const offset = Date.now() - Date.UTC(2026, 11, 6);
		const now = (): number => Date.now() - offset;
		const api = createCensusClient({baseUrl: sim.url, token: TOKEN, timeoutMs: 5000, retry: {limit: 0}, now});
		const runIds = newestRuns(sim);
		const watch = {runIds, syncIds: sim.world.syncIds().slice(0, 1), all: false};
		const store = createRunStore({watch});
		const poller = createPoller({api, store, config: {...FAST, rootProbeMs: 1000}, now});
		onClose(async () => {
			poller.stop();
		});
		poller.start();
		await eventually(() => {
			for (const id of runIds) expect(store.getState().runs[id]?.run?.id).toBe(id);
		});

		sim.faults.set({v1Retired: form});
		await eventually(() => expect(store.getState().health).toMatchObject({kind: 'root_gone', reason: form === '404' ? 'no_api' : 'retired'}));
		const from = sim.requests.length;
		await sleep(2500);
		const since = sim.requests.slice(from);
		// What was in flight, then about one root check a second.
		expect(since.length).toBeLessThanOrEqual(4 + 3);
		expect(since.filter(entry => entry.path === '/syncs' && entry.query['per_page'] === '1').length).toBeGreaterThanOrEqual(1);
		const state = store.getState();
		expect(state.watch).toEqual(watch);
		for (const id of runIds) expect(state.runs[id]).toMatchObject({notFound: false, run: {id}});
		expect(state.notices.filter(notice => notice.level === 'error')).toHaveLength(1);

		sim.faults.clear();
		await eventually(() => expect(store.getState().health.kind).toBe('live'));
	});
});
