import {describe, expect, it} from 'vitest';
import {cutSyncLabel} from '../../source/text/sync-label-cut.js';
import {displayWidth} from '../../source/text/text.js';

const LABEL = 'Trials → Marketo Leads (Sandbox)';

describe('cutSyncLabel', () => {
	it('leaves a label that fits', () => {
		expect(cutSyncLabel(LABEL, 40)).toBe(LABEL);
	});

	it('cuts the source first, keeping the destination and the parenthesis', () => {
		expect(cutSyncLabel(LABEL, 30)).toBe('Tri… → Marketo Leads (Sandbox)');
		expect(cutSyncLabel(LABEL, 26)).toBe('…Marketo Leads (Sandbox)');
	});

	it('then cuts the destination from its start, so its object stays', () => {
		expect(cutSyncLabel(LABEL, 16)).toBe('…Leads (Sandbox)');
		expect(cutSyncLabel('Users → Salesforce Contacts', 16)).toBe('…sforce Contacts');
	});

	it('cuts the parenthesis last, keeping it closed', () => {
		expect(cutSyncLabel(LABEL, 12)).toBe('…ads (Sand…)');
	});

	it('keeps the parenthesis of a label without an arrow, cutting the rest from its end', () => {
		expect(cutSyncLabel('Salesforce contacts weekly (Prod)', 20)).toBe('Salesforce c… (Prod)');
	});

	it('uses the given ellipsis (ASCII mode) and a plain arrow', () => {
		expect(cutSyncLabel('Trials -> Marketo Leads (Sandbox)', 28, '~')).toBe('~Marketo Leads (Sandbox)');
	});

	it('is never wider than asked, wide characters included', () => {
		for (const label of [LABEL, '東京 → 大阪 リード (本番)', 'x', '(only)', 'a → b']) {
			for (let width = 0; width <= 36; width++) expect(displayWidth(cutSyncLabel(label, width))).toBeLessThanOrEqual(width);
		}
	});
});
