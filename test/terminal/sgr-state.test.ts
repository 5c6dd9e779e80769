import {describe, expect, it} from 'vitest';
import {applySgr, EMPTY_SGR, sgrOf} from '../../source/terminal/sgr-state.js';

const after = (...sequences: string[]) => sgrOf(sequences.reduce(applySgr, EMPTY_SGR));

describe('SGR state', () => {
	it('reduces a history of opened and closed styles to the state it ends in', () => {
		expect(after('1', '22', '1', '22', '31', '32', '90', '39', '32', '39', '2')).toBe('\u001B[2m');
		expect(after('7', '1', '31')).toBe('\u001B[1;7;31m');
	});

	it('resets on 0 and on an empty parameter list', () => {
		expect(after('1;31', '0')).toBe('');
		expect(after('1;31', '')).toBe('');
	});

	it('keeps 256-colour and true-colour parameters together', () => {
		expect(after('38;5;208')).toBe('\u001B[38;5;208m');
		expect(after('48;2;1;2;3', '1')).toBe('\u001B[1;48;2;1;2;3m');
		expect(after('38;5;208', '39')).toBe('');
	});

	it('turns each attribute off with its own code', () => {
		expect(after('3;4;9', '23', '24')).toBe('\u001B[9m');
	});
});
