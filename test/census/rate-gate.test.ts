import {describe, expect, it} from 'vitest';
import {RateGate, sharedRateGate} from '../../source/census/rate-gate.js';

describe('RateGate', () => {
	it('never reopens earlier than the latest pause asked', () => {
		const gate = new RateGate();
		gate.closeUntil(5000);
		gate.closeUntil(3000);
		expect(gate.openAt).toBe(5000);
		gate.closeUntil(8000);
		expect(gate.openAt).toBe(8000);
	});

	it('counts 429s in a row and resets on any other answer', () => {
		const gate = new RateGate();
		expect(gate.recordRateLimited()).toBe(1);
		expect(gate.recordRateLimited()).toBe(2);
		gate.recordAnswer();
		expect(gate.recordRateLimited()).toBe(1);
	});

	it('waits until the gate opens, also when it is pushed back while waiting', async () => {
		const gate = new RateGate();
		let clock = 1000;
		const slept: number[] = [];
		gate.closeUntil(1500);
		await gate.waitUntilOpen(
			() => clock,
			async ms => {
				slept.push(ms);
				clock += ms;
				if (slept.length === 1) {
					gate.closeUntil(2000);
				}
			},
		);
		expect(slept).toEqual([500, 500]);
		expect(clock).toBe(2000);
	});

	it('does not sleep when open', async () => {
		const gate = new RateGate();
		const slept: number[] = [];
		await gate.waitUntilOpen(
			() => 1000,
			async ms => {
				slept.push(ms);
			},
		);
		expect(slept).toEqual([]);
	});
});

describe('sharedRateGate', () => {
	it('is one gate per token and API root', () => {
		const gate = sharedRateGate('secret-token:abc', 'https://app.getcensus.com/api/v1');
		expect(sharedRateGate('secret-token:abc', 'https://app.getcensus.com/api/v1')).toBe(gate);
		expect(sharedRateGate('secret-token:xyz', 'https://app.getcensus.com/api/v1')).not.toBe(gate);
		expect(sharedRateGate('secret-token:abc', 'https://app-eu.getcensus.com/api/v1')).not.toBe(gate);
	});
});
