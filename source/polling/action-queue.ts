// User actions (trigger, cancel) waiting for the scheduler to give them a slot in the budget. The queue
// holds what to send and whom to tell; the scheduler holds their order.

export type ActionQueue = {
	add<T>(actionId: number, perform: (signal: AbortSignal) => Promise<T>, resolve: (value: T) => void, reject: (error: unknown) => void): void;
	/** Sends the action (once); its caller learns the outcome, and a failure is thrown here too. */
	perform(actionId: number, signal: AbortSignal): Promise<void>;
	/** Every action still waiting fails with `error`. */
	rejectAll(error: unknown): void;
};

type Queued = {
	perform: (signal: AbortSignal) => Promise<void>;
	reject: (error: unknown) => void;
};

export function createActionQueue(): ActionQueue {
	const queued = new Map<number, Queued>();
	return {
		add(actionId, perform, resolve, reject) {
			queued.set(actionId, {
				async perform(signal) {
					try {
						resolve(await perform(signal));
					} catch (error) {
						reject(error);
						throw error;
					}
				},
				reject,
			});
		},

		async perform(actionId, signal) {
			const action = queued.get(actionId);
			queued.delete(actionId);
			if (action) await action.perform(signal);
		},

		rejectAll(error) {
			for (const action of queued.values()) action.reject(error);
			queued.clear();
		},
	};
}
