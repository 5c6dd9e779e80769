import {describe, expect, it} from 'vitest';
import {syncDisplayLabel, syncName} from '../../source/runs/sync-label.js';
import {makeSync, storeWith} from '../helpers/builders.js';

const state = () => storeWith([], [makeSync(1, 'Salesforce contacts'), makeSync(2, null, {resourceIdentifier: 'hubspot-deals'}), makeSync(3, '  ')]).getState();

describe('syncDisplayLabel', () => {
	it('falls back from the label to the resource identifier to "Sync <id>"', () => {
		const {syncs} = state();
		expect(syncDisplayLabel(syncs, 1)).toBe('Salesforce contacts');
		expect(syncDisplayLabel(syncs, 2)).toBe('hubspot-deals');
		expect(syncDisplayLabel(syncs, 3)).toBe('Sync 3');
		expect(syncDisplayLabel(syncs, 99)).toBe('Sync 99');
	});

	it('sanitises the label', () => {
		const syncs = storeWith([], [makeSync(4, 'a\u001B]0;pwned\u0007b\u009B2Jc')]).getState().syncs;
		expect(syncDisplayLabel(syncs, 4)).toBe('abc');
	});
});

describe('syncName', () => {
	it('is the raw label, else the resource identifier, else null (lines and JSON name no sync they do not know)', () => {
		expect(syncName({label: 'Users → Salesforce', resourceIdentifier: 'sync:5'})).toBe('Users → Salesforce');
		expect(syncName({label: null, resourceIdentifier: 'sync:5'})).toBe('sync:5');
		expect(syncName({label: '  ', resourceIdentifier: null})).toBeNull();
		expect(syncName(undefined)).toBeNull();
	});

	it('counts a name of control characters only as none, as the screen does', () => {
		expect(syncName({label: '\u001B[2J', resourceIdentifier: 'sync:5'})).toBe('sync:5');
		expect(syncDisplayLabel({5: {label: '\u001B[2J', resourceIdentifier: 'sync:5'}}, 5)).toBe('sync:5');
	});
});
