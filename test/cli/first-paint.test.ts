import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {parseSyncRun} from '../../source/census/parse.js';
import {firstAnswersSettled} from '../../source/cli/first-paint.js';
import {createRunStore} from '../../source/store/run-store.js';
import {runJson} from '../helpers/builders.js';

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
});

afterEach(() => {
	vi.useRealTimers();
});

function watch() {
	const store = createRunStore({watch: {runIds: [1, 2], syncIds: [], all: false}});
	let settled = false;
	void firstAnswersSettled(store, {quietMs: 700, maxMs: 3000}).then(() => {
		settled = true;
	});
	const answer = (id: number) => {
		store.getState().applyRuns([parseSyncRun(runJson({id}))], Date.now());
		store.getState().recordSuccess(Date.now());
	};

	return {store, answer, settled: () => settled};
}

describe('first paint in low-bandwidth mode', () => {
	it('waits for the runs to stop changing after the first answer', async () => {
		const {answer, settled} = watch();
		await vi.advanceTimersByTimeAsync(1000);
		expect(settled()).toBe(false);
		answer(1);
		await vi.advanceTimersByTimeAsync(600);
		answer(2);
		await vi.advanceTimersByTimeAsync(600);
		expect(settled()).toBe(false);
		await vi.advanceTimersByTimeAsync(100);
		expect(settled()).toBe(true);
	});

	it('settles on a failed first answer too, so the problem shows', async () => {
		const {store, settled} = watch();
		store.getState().setHealth({kind: 'token_rejected', message: 'no'});
		await vi.advanceTimersByTimeAsync(700);
		expect(settled()).toBe(true);
	});

	it('waits no longer than the limit, answers or not', async () => {
		const {answer, settled} = watch();
		await vi.advanceTimersByTimeAsync(2900);
		answer(1);
		expect(settled()).toBe(false);
		await vi.advanceTimersByTimeAsync(100);
		expect(settled()).toBe(true);
		expect(vi.getTimerCount()).toBe(0);
	});
});
