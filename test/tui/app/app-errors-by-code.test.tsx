import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {makeRun, makeSync, storeWith} from '../../helpers/builders.js';
import {KEYS, noActions} from './app-fixtures.js';
import {renderApp} from './render-app.js';

afterEach(() => {
	cleanup();
});

const failed = (id: number, syncId: number, code: string) =>
	makeRun(id, {syncId, status: 'failed', errorCode: code, errorMessage: `${code} happened`, errorDetail: `detail of ${id}`});

describe('errors by code from the App', () => {
	it('E opens the grouped view; Enter opens a code and then a run in the inspector; Esc goes back', async () => {
		const store = storeWith(
			[failed(11, 101, 'JSON_ARRAY_ERROR'), failed(12, 102, 'JSON_ARRAY_ERROR'), failed(13, 101, 'field_not_found'), makeRun(14)],
			[makeSync(101, 'Users → Salesforce Contacts'), makeSync(102, 'Accounts → HubSpot')],
		);
		const {ui, stdin, lastFrame} = renderApp(store, {size: {columns: 100, rows: 30}, actions: noActions()});
		await vi.waitFor(() => expect(lastFrame()).toContain('11'));
		stdin.write('E');
		await vi.waitFor(() => expect(lastFrame()).toContain('JSON_ARRAY_ERROR'));
		expect(lastFrame()).toContain('field_not_found');
		expect(ui.getState().screen).toBe('errors');
		// The newest group first: field_not_found (run 13) is newer than JSON_ARRAY_ERROR (run 12).
		stdin.write(KEYS.down);
		await new Promise(resolve => setImmediate(resolve));
		stdin.write(KEYS.enter);
		await vi.waitFor(() => expect(lastFrame()).toMatch(/\b12\b/));
		stdin.write(KEYS.enter);
		await vi.waitFor(() => expect(ui.getState().screen).toBe('inspector'));
		expect(ui.getState().selectedId).toBe(12);
		await vi.waitFor(() => expect(lastFrame()).toContain('detail of 12'));
		stdin.write('E');
		await vi.waitFor(() => expect(ui.getState().screen).toBe('errors'));
		stdin.write(KEYS.escape);
		await vi.waitFor(() => expect(ui.getState().screen).toBe('list'));
	});

	it('Esc from an inspector opened through E goes back to E, and from one opened with e to the detail', async () => {
		const store = storeWith([failed(11, 101, 'JSON_ARRAY_ERROR'), makeRun(14)], [makeSync(101, 'Users')]);
		const {ui, stdin, lastFrame} = renderApp(store, {size: {columns: 100, rows: 30}, actions: noActions()});
		await vi.waitFor(() => expect(lastFrame()).toContain('11'));
		stdin.write('E');
		await vi.waitFor(() => expect(lastFrame()).toContain('JSON_ARRAY_ERROR'));
		stdin.write(KEYS.enter);
		await vi.waitFor(() => expect(lastFrame()).toMatch(/\b11\b/));
		stdin.write(KEYS.enter);
		await vi.waitFor(() => expect(ui.getState().screen).toBe('inspector'));
		// Help over the inspector and back keeps where the inspector came from.
		stdin.write('?');
		await vi.waitFor(() => expect(ui.getState().screen).toBe('help'));
		stdin.write(KEYS.escape);
		await vi.waitFor(() => expect(ui.getState().screen).toBe('inspector'));
		stdin.write(KEYS.escape);
		await vi.waitFor(() => expect(ui.getState().screen).toBe('errors'));
		await vi.waitFor(() => expect(lastFrame()).toContain('JSON_ARRAY_ERROR'));
		stdin.write(KEYS.escape);
		await vi.waitFor(() => expect(ui.getState().screen).toBe('list'));
		stdin.write('e');
		await vi.waitFor(() => expect(ui.getState().screen).toBe('inspector'));
		stdin.write(KEYS.escape);
		await vi.waitFor(() => expect(ui.getState().screen).toBe('detail'));
	});
});
