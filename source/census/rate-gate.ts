// The pause after a 429. Census's limit (unpublished) applies to the token, not to one endpoint, so
// while the gate is closed no request of that token goes out, whichever client or path it is for.
import {createHash} from 'node:crypto';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export class RateGate {
	#openAt = 0;
	#strikes = 0;

	/** Epoch ms from which requests may go again (0 when never closed). */
	get openAt(): number {
		return this.#openAt;
	}

	/** Closes the gate until `epochMs`; never reopens it earlier than an earlier 429 asked. */
	closeUntil(epochMs: number): void {
		this.#openAt = Math.max(this.#openAt, epochMs);
	}

	/** Counts a 429; answers how many came in a row, to grow the pause when the server gives none. */
	recordRateLimited(): number {
		this.#strikes += 1;
		return this.#strikes;
	}

	/** Any answer other than 429 ends the streak. */
	recordAnswer(): void {
		this.#strikes = 0;
	}

	/** Resolves once the gate is open; loops because another 429 may push the time back meanwhile. */
	async waitUntilOpen(now: () => number, sleep: Sleep, signal?: AbortSignal): Promise<void> {
		for (let wait = this.#openAt - now(); wait > 0; wait = this.#openAt - now()) {
			await sleep(wait, signal);
		}
	}
}

const gates = new Map<string, RateGate>();

/**
 * The gate shared by every client of this process that uses the same token against the same API root.
 * Keyed by a digest so that the token itself is never kept in a long-lived structure.
 */
export function sharedRateGate(token: string, baseUrl: string): RateGate {
	const key = createHash('sha256').update(baseUrl).update('\0').update(token).digest('hex');
	let gate = gates.get(key);
	if (gate === undefined) {
		gate = new RateGate();
		gates.set(key, gate);
	}

	return gate;
}
