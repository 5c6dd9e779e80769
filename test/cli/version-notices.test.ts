import {describe, expect, it} from 'vitest';
import {V1_RETIREMENT_WARNING, v1RetirementWarning} from '../../source/census/api-version.js';
import {CensusError} from '../../source/census/errors.js';
import {createRetirementAnnouncer, switchNotice} from '../../source/cli/version-notices.js';

const at = (iso: string): number => Date.parse(iso);

describe('the v1 retirement warning', () => {
	it('starts 45 days before 2027-01-15 (on 2026-12-01) and only on v1', () => {
		expect(v1RetirementWarning('v1', at('2026-11-30T23:59:59Z'))).toBeNull();
		expect(v1RetirementWarning('v1', at('2026-12-01T00:00:00Z'))).toBe(V1_RETIREMENT_WARNING);
		expect(v1RetirementWarning('v1', at('2027-03-01T00:00:00Z'))).toBe(V1_RETIREMENT_WARNING);
		expect(v1RetirementWarning('v2', at('2026-12-20T00:00:00Z'))).toBeNull();
		expect(v1RetirementWarning(null, at('2026-12-20T00:00:00Z'))).toBeNull();
		expect(V1_RETIREMENT_WARNING).toMatch(/2027-01-15.*personal access token.*--api v2/);
	});

	it('is said once, however often v1 comes back', () => {
		const said: string[] = [];
		const announce = createRetirementAnnouncer(() => at('2026-12-06T09:00:00Z'), text => said.push(text));
		announce('v2');
		announce('v1');
		announce('v1');
		expect(said).toEqual([V1_RETIREMENT_WARNING]);
	});

	it('says nothing before its date', () => {
		const said: string[] = [];
		createRetirementAnnouncer(() => at('2026-11-01T00:00:00Z'), text => said.push(text))('v1');
		expect(said).toEqual([]);
	});
});

describe('switchNotice', () => {
	it('explains a switch after v1 was retired, and after a rejected token', () => {
		const gone = new CensusError('root_gone', '410', {status: 410, rootGone: 'retired'});
		expect(switchNotice({from: 'v1', to: 'v2', cause: gone})).toBe('Census API v1 has been retired; switched to API v2, which accepts this token.');
		const auth = new CensusError('auth', '401', {status: 401});
		expect(switchNotice({from: 'v2', to: 'v1', cause: auth})).toBe('The token is not accepted by Census API v2; switched to API v1, which accepts it.');
	});
});

describe('the header\'s API label', () => {
	it('is the version, then the group, and empty until the version is known', async () => {
		const {apiLabel} = await import('../../source/tui/components/header.js');
		expect(apiLabel('v2', null, ' · ', false)).toBe('v2');
		expect(apiLabel('v2', 'wandering_aimlessly', ' | ', true)).toBe('v2 | group wandering_aimlessly');
		expect(apiLabel(null, null, ' · ', false)).toBe('');
	});
});
