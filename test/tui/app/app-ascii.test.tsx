import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {toAscii, toAsciiCells} from '../../../source/text/ascii.js';
import {statusGlyph} from '../../../source/runs/status.js';
import {displayWidth} from '../../../source/text/text.js';
import {makeRun, makeSync, NOW, storeWith} from '../../helpers/builders.js';
import {KEYS, noActions} from './app-fixtures.js';
import {renderApp} from './render-app.js';

// --ascii: every byte of every frame is ASCII, whatever the API sent, on every screen.

afterEach(() => {
	cleanup();
});

const NON_ASCII = /[^\u0000-\u007F]/;

const unicodeStore = () => {
	const store = storeWith(
		[
			makeRun(11, {status: 'failed', syncId: 101, errorCode: 'JSON_ARRAY_ERROR', errorMessage: 'Field “tags” — not an array…', errorDetail: 'row 17 → “a,b” ✗ 数据'}),
			makeRun(12, {status: 'working', completedAt: null, syncId: 102, currentStep: 'Loading data into destination service'}),
			makeRun(13, {status: 'skipped', syncId: 101}),
			makeRun(14, {status: 'paused_for_maintenance…', syncId: 102}),
			makeRun(15, {status: 'completed', syncId: 101, recordsFailed: null}),
		],
		[makeSync(101, 'Users → Salesforce Contacts (São Paulo)'), makeSync(102, 'Deals ⇒ HubSpot · “EU”')],
		[16],
	);
	store.getState().pushNotice('warn', 'The saved watch list was unreadable; it was moved to /tmp/état.json.corrupt…', NOW);
	return store;
};

describe('--ascii in the App', () => {
	it('writes only ASCII on the list, detail, inspector, errors-by-code and help screens, at 80 and 140 columns', async () => {
		for (const columns of [80, 140]) {
			const {ui, press, ...view} = renderApp(unicodeStore(), {size: {columns, rows: 30}, options: {ascii: true, workspaceLabel: 'prod · eu'}, actions: noActions()});

			// São Paulo's label, cut to its distinguishing end at 80 columns, whole at 140: transliterated either way.
			await vi.waitFor(() => expect(view.lastFrame()).toContain('(Sao Paulo)'));
			for (const key of [KEYS.enter, 'e', 'E', KEYS.enter, KEYS.escape, KEYS.escape, '?', KEYS.escape, '/', 's', KEYS.enter]) await press(key);
			await press('j');
			await press('e');
			await vi.waitFor(() => expect(ui.getState().screen).toBe('inspector'));
			// The working run's detail (progress bar, steps), a question naming its sync, the add prompt.
			ui.getState().select(12);
			for (const key of [KEYS.escape, KEYS.escape, KEYS.enter, 't', KEYS.escape, 'a', '1', KEYS.escape]) await press(key);
			await vi.waitFor(() => expect(ui.getState().screen).toBe('detail'));
			for (const frame of view.frames) expect(frame, frame).not.toMatch(NON_ASCII);
			view.unmount();
		}
	});

	it('keeps the skipped glyph apart from the selection marker', () => {
		expect(statusGlyph('skipped', true)).not.toBe('>');
	});
});

describe('toAscii and toAsciiCells', () => {
	it('transliterates API text readably', () => {
		expect(toAscii('Users → Salesforce … “ok” — done ✓ São')).toBe('Users -> Salesforce ... "ok" - done + Sao');
		expect(toAscii('数据')).toBe('??');
	});

	it('folds laid-out text cell for cell, keeping its width and any escape sequence', () => {
		for (const text of ['a → b', 'x…', '数据!', '\u001B[31m✗\u001B[0m fail', 'e\u0301']) {
			const folded = toAsciiCells(text);
			expect(folded).not.toMatch(NON_ASCII);
			expect(displayWidth(folded.replaceAll(/\u001B\[\d+m/g, ''))).toBe(displayWidth(text.replaceAll(/\u001B\[\d+m/g, '')));
		}
	});
});
