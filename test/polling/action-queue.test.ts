import {describe, expect, it} from 'vitest';
import {createActionQueue} from '../../source/polling/action-queue.js';

describe('action queue', () => {
	it('sends an action once, and its caller gets what it answered', async () => {
		const queue = createActionQueue();
		let sent = 0;
		const answer = new Promise<number>((resolve, reject) => {
			queue.add(1, async () => ++sent * 10, resolve, reject);
		});
		const signal = new AbortController().signal;
		await queue.perform(1, signal);
		await queue.perform(1, signal);
		await expect(answer).resolves.toBe(10);
		expect(sent).toBe(1);
	});

	it('a failed action fails for its caller and for the engine', async () => {
		const queue = createActionQueue();
		const answer = new Promise<void>((resolve, reject) => {
			queue.add(1, async () => Promise.reject(new Error('refused')), resolve, reject);
		});
		await expect(queue.perform(1, new AbortController().signal)).rejects.toThrow('refused');
		await expect(answer).rejects.toThrow('refused');
	});

	it('rejects every waiting action at once, and sends none of them after', async () => {
		const queue = createActionQueue();
		let sent = 0;
		const answers = [1, 2].map(
			async id =>
				new Promise<void>((resolve, reject) => {
					queue.add(id, async () => {
						sent++;
					}, resolve, reject);
				}),
		);
		queue.rejectAll(new Error('stopped'));
		await queue.perform(1, new AbortController().signal);
		for (const answer of answers) await expect(answer).rejects.toThrow('stopped');
		expect(sent).toBe(0);
	});
});
