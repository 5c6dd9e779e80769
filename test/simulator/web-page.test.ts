import {afterEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {runWebUrl} from '../../source/runs/links.js';

let simulator: Simulator | null = null;

afterEach(async () => {
	await simulator?.close();
	simulator = null;
});

describe('the simulator answers the web-app links', () => {
	it('serves a page for the link census-watch makes to a run', async () => {
		simulator = await startSimulator({port: 0, seed: 7, scenario: 'demo'});
		const syncId = simulator.world.syncIds()[0] ?? 0;
		const runId = simulator.world.runIds(syncId)?.[0] ?? 0;
		const url = runWebUrl({baseUrl: simulator.url, syncId, runId});
		expect(url).not.toBeNull();
		const response = await fetch(url ?? '');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/text\/html/);
		const html = await response.text();
		expect(html).toContain(`Sync ${syncId}`);
		expect(html).toContain(`Run ${runId}`);
	});

	it('serves the workspace form of the link, and 404 for a sync it does not have', async () => {
		simulator = await startSimulator({port: 0, seed: 7, scenario: 'demo'});
		const syncId = simulator.world.syncIds()[0] ?? 0;
		const withWorkspace = runWebUrl({baseUrl: simulator.url, syncId, runId: 1, workspaceId: '42'}) ?? '';
		expect((await fetch(withWorkspace)).status).toBe(200);
		expect((await fetch(new URL('/syncs/999999/overview', simulator.url))).status).toBe(404);
	});
});
