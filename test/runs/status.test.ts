import {describe, expect, it} from 'vitest';
import {
	hasRejections,
	isMovingPhase,
	isTerminalPhase,
	runPhase,
	type RunPhase,
	SPINNER_FRAMES,
	spinnerFrame,
	statusColor,
	statusGlyph,
	statusWord,
} from '../../source/runs/status.js';
import {displayWidth} from '../../source/text/text.js';

const run = (status: string, canceled = false) => ({status, canceled});
const PHASES: RunPhase[] = ['queued', 'working', 'canceling', 'completed', 'failed', 'skipped', 'canceled', 'unknown', 'not_found'];

describe('runPhase', () => {
	it.each([
		['queued', 'queued'],
		['working', 'working'],
		['completed', 'completed'],
		['failed', 'failed'],
		['skipped', 'skipped'],
		['new', 'queued'],
		['preparing', 'queued'],
		['retrying', 'working'],
		['  Working ', 'working'],
		['FAILED', 'failed'],
		['paused', 'unknown'],
		['', 'unknown'],
	])('%j → %s', (status, phase) => {
		expect(runPhase(run(status))).toBe(phase);
	});

	it('lets canceled win over any status of a run that has ended', () => {
		expect(runPhase(run('completed', true))).toBe('canceled');
		expect(runPhase(run('failed', true))).toBe('canceled');
		expect(runPhase(run('mystery', true))).toBe('canceled');
	});

	it('reads canceled on a queued or working run as a cancel asked for, until the run ends or has completed_at', () => {
		expect(runPhase(run('working', true))).toBe('canceling');
		expect(runPhase(run('queued', true))).toBe('canceling');
		expect(runPhase(run('retrying', true))).toBe('canceling');
		expect(runPhase({status: 'working', canceled: true, completedAt: null})).toBe('canceling');
		expect(runPhase({status: 'working', canceled: true, completedAt: '2021-10-20T02:52:29.234Z'})).toBe('canceled');
		expect(isMovingPhase('canceling')).toBe(true);
		expect(isTerminalPhase('canceling')).toBe(false);
	});

	it('reads a status with escape sequences as what it shows, so glyph and word agree', () => {
		for (const status of ['\u001b[31mfailed\u001b[0m', 'fai\u001b]0;x\u0007led', '\u202efailed']) {
			expect(runPhase(run(status))).toBe('failed');
			expect(statusWord(run(status))).toBe('failed');
			expect(statusGlyph(runPhase(run(status)), false)).toBe('✗');
		}

		// Nothing readable left: unknown in glyph and word alike.
		expect(runPhase(run('\u001b[2J'))).toBe('unknown');
		expect(statusWord(run('\u001b[2J'))).toBe('unknown');
	});

	it('is not_found when the API said 404, whatever the last known run said', () => {
		expect(runPhase(null, true)).toBe('not_found');
		expect(runPhase(run('working'), true)).toBe('not_found');
	});

	it('is unknown for a run not fetched yet', () => {
		expect(runPhase(null)).toBe('unknown');
	});

	it('does not crash on a status that is not a string', () => {
		expect(runPhase({status: 42 as unknown as string, canceled: false})).toBe('unknown');
	});
});

describe('isTerminalPhase and isMovingPhase', () => {
	it('split the phases as the contract does', () => {
		expect(PHASES.filter(phase => isTerminalPhase(phase))).toEqual(['completed', 'failed', 'skipped', 'canceled']);
		expect(PHASES.filter(phase => isMovingPhase(phase))).toEqual(['queued', 'working', 'canceling']);
	});
});

describe('statusWord', () => {
	it('names each known phase', () => {
		expect(statusWord(run('working'))).toBe('working');
		expect(statusWord(run('retrying'))).toBe('working');
		expect(statusWord(run('preparing'))).toBe('queued');
		expect(statusWord(run('completed'))).toBe('completed');
		expect(statusWord(run('completed', true))).toBe('canceled');
		expect(statusWord(run('working', true))).toBe('canceling');
		expect(statusWord(null, true)).toBe('not found');
	});

	it('shows an unknown status verbatim, sanitised and cut to 16 cells', () => {
		expect(statusWord(run('Paused'))).toBe('Paused');
		expect(statusWord(run('bad\u001b[2J\u202estatus'))).toBe('badstatus');
		const long = statusWord(run('an extraordinarily long status'));
		expect(long).toBe('an extraordinar…');
		expect(displayWidth(long)).toBe(16);
	});

	it('says unknown when there is no status to show', () => {
		expect(statusWord(null)).toBe('unknown');
		expect(statusWord(run('  '))).toBe('unknown');
		expect(statusWord(run('\u0007'))).toBe('unknown');
	});
});

describe('hasRejections', () => {
	const withFailed = (status: string, recordsFailed: number | null, canceled = false) => ({status, canceled, recordsFailed});

	it('is true only for a completed run with rejected records', () => {
		expect(hasRejections(withFailed('completed', 1))).toBe(true);
		expect(hasRejections(withFailed('completed', 0))).toBe(false);
		expect(hasRejections(withFailed('completed', null))).toBe(false);
		expect(hasRejections(withFailed('failed', 3))).toBe(false);
		expect(hasRejections(withFailed('working', 3))).toBe(false);
		expect(hasRejections(withFailed('completed', 3, true))).toBe(false);
		expect(hasRejections(null)).toBe(false);
	});
});

describe('glyphs, colours and spinner frames', () => {
	it('gives every phase a distinct one-cell glyph, in Unicode and in ASCII', () => {
		for (const ascii of [false, true]) {
			const glyphs = PHASES.map(phase => statusGlyph(phase, ascii));
			expect(new Set(glyphs).size).toBe(PHASES.length);
			for (const glyph of glyphs) expect(displayWidth(glyph)).toBe(1);
		}
	});

	it('uses only ASCII in ASCII mode', () => {
		for (const phase of PHASES) expect(statusGlyph(phase, true)).toMatch(/^[\u0020-\u007e]$/);
		for (const frame of SPINNER_FRAMES.ascii) expect(frame).toMatch(/^[\u0020-\u007e]$/);
	});

	it('maps phases to the agreed glyphs and colours', () => {
		expect(statusGlyph('completed', false)).toBe('✓');
		expect(statusGlyph('failed', false)).toBe('✗');
		expect(statusGlyph('failed', true)).toBe('x');
		expect(statusColor('completed')).toBe('green');
		expect(statusColor('failed')).toBe('red');
		expect(statusColor('working')).toBe('cyan');
		expect(statusColor('canceled')).toBe('yellow');
	});

	it('cycles spinner frames for any tick, negative ones included', () => {
		expect(spinnerFrame(0, false)).toBe('⠋');
		expect(spinnerFrame(10, false)).toBe('⠋');
		expect(spinnerFrame(11, false)).toBe('⠙');
		expect(spinnerFrame(-1, true)).toBe('/');
		expect(spinnerFrame(5, true)).toBe('\\');
		expect(spinnerFrame(Number.NaN, true)).toBe('-');
	});
});
