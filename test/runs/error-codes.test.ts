import {describe, expect, it} from 'vitest';
import {explainErrorCode} from '../../source/runs/error-codes.js';

const HEDGE = 'Census does not document this code; from its name, ';

describe('explainErrorCode', () => {
	it('explains the one documented code, matched ignoring case and whitespace', () => {
		for (const code of ['JSON_ARRAY_ERROR', 'json_array_error', '  Json_Array_Error ']) {
			const result = explainErrorCode(code);
			expect(result.known).toBe(true);
			expect(result.source).toBe('documented');
			expect(result.title).toBe('JSON array error');
			expect(result.explanation).toContain('JSON array');
		}
	});

	it.each([
		['RATE_LIMITED', 'Rate limited (inferred)'],
		['rate-limit-exceeded', 'Rate limited (inferred)'],
		['TOO_MANY_REQUESTS', 'Rate limited (inferred)'],
		['QUERY_TIMEOUT', 'Timed out (inferred)'],
		['REQUEST_TIMED_OUT', 'Timed out (inferred)'],
		['INVALID_CREDENTIALS', 'Credentials rejected (inferred)'],
		['INVALID_API_KEY', 'Credentials rejected (inferred)'],
		['AUTH_FAILED', 'Credentials rejected (inferred)'],
		['PERMISSION_DENIED', 'Permission denied (inferred)'],
		['INSUFFICIENT_PRIVILEGES', 'Permission denied (inferred)'],
		['ACCESS_DENIED', 'Permission denied (inferred)'],
		['FIELD_NOT_FOUND', 'Field not found (inferred)'],
		['COLUMN_DOES_NOT_EXIST', 'Field not found (inferred)'],
		['TABLE_NOT_FOUND', 'Object not found (inferred)'],
		['CONNECTION_REFUSED', 'Connection failed (inferred)'],
	])('reads %s from its name, and says so', (code, title) => {
		const result = explainErrorCode(code);
		expect(result).toMatchObject({known: false, source: 'inferred', title});
		expect(result.explanation.startsWith(HEDGE)).toBe(true);
	});

	it.each(['DUPLICATE_KEY_ERROR', 'MISSING_REQUIRED_FIELD', 'SOMETHING_WENT_WRONG', 'E1234'])('says plainly that nothing is documented about %s', code => {
		const result = explainErrorCode(code);
		expect(result).toMatchObject({known: false, source: 'none', title: code});
		expect(result.explanation.startsWith('Census documents nothing about this code.')).toBe(true);
	});

	it('sanitises and shortens an unknown code used as the title', () => {
		const result = explainErrorCode(`BAD\u001b]0;pwned\u0007_${'X'.repeat(60)}`);
		expect(result.title).not.toContain('\u001b');
		expect(result.title.startsWith('BAD_XXX')).toBe(true);
		expect(result.title.length).toBe(40);
	});

	it('says there is no code for null, empty and blank codes', () => {
		for (const code of [null, undefined, '', '   ']) {
			expect(explainErrorCode(code)).toEqual({
				known: false,
				source: 'none',
				title: 'No error code',
				explanation: 'Census gave no error code for this run.',
			});
		}
	});
});
