// A proxy in front of Census (a 502/503 page) answers with HTML. What the user reads of it, on the run
// and in the connection's health, is one short line naming it, never its markup.
import {describe, expect, it} from 'vitest';
import {runJson} from '../helpers/builders.js';
import {success} from '../census/helpers.js';
import {eventually} from './eventually.js';
import {pollerHarness} from './poller-harness.js';

const TOKEN = 'secret-token:html-error-test-0123456789';
const PAGE = '<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head>\n<body><center><h1>503</h1></center><hr><center>nginx</center></body></html>';

const harness = pollerHarness(TOKEN);

describe('an HTML error page from a proxy', () => {
	it('reads as one line on the run and in the health, without markup', async () => {
		const server = await harness.startServer();
		server.on('GET', '/sync_runs/5', success(runJson({id: 5, status: 'working'})), {status: 503, body: PAGE, headers: {'content-type': 'text/html'}});
		server.on('GET', '/syncs/52', success({id: 52, label: 'Users', status: 'Ready'}));
		const {store, poller} = harness.watchRun(5);
		poller.start();
		await eventually(() => {
			expect(store.getState().runs[5]?.lastError).toMatch(/503 Service Unavailable: an HTML error page$/);
		});
		const {health, notices, runs} = store.getState();
		const said = JSON.stringify({health, notices, lastError: runs[5]?.lastError});
		expect(said).toContain('an HTML error page');
		expect(said).not.toMatch(/[<>]|nginx|DOCTYPE/);
	});
});
