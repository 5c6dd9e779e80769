// The next scheduled start of every sync, earliest first, so that a long jump of the clock creates runs
// in time order (run ids grow with creation time across syncs) without scanning every sync per run.

export type Due = {at: number; index: number};

const before = (a: Due, b: Due): boolean => a.at < b.at || (a.at === b.at && a.index < b.index);

export class ScheduleQueue {
	#heap: Due[] = [];

	get size(): number {
		return this.#heap.length;
	}

	peek(): Due | undefined {
		return this.#heap[0];
	}

	push(item: Due): void {
		const heap = this.#heap;
		heap.push(item);
		let at = heap.length - 1;
		while (at > 0) {
			const parent = (at - 1) >> 1;
			const above = heap[parent];
			if (above === undefined || !before(item, above)) {
				break;
			}

			heap[at] = above;
			at = parent;
		}

		heap[at] = item;
	}

	pop(): Due | undefined {
		const heap = this.#heap;
		const top = heap[0];
		const last = heap.pop();
		if (top === undefined || last === undefined || heap.length === 0) {
			return top;
		}

		let at = 0;
		for (;;) {
			const left = at * 2 + 1;
			const right = left + 1;
			let smallest = last;
			let next = -1;
			const leftItem = heap[left];
			const rightItem = heap[right];
			if (leftItem !== undefined && before(leftItem, smallest)) {
				smallest = leftItem;
				next = left;
			}

			if (rightItem !== undefined && before(rightItem, smallest)) {
				smallest = rightItem;
				next = right;
			}

			if (next < 0) {
				break;
			}

			heap[at] = smallest;
			at = next;
		}

		heap[at] = last;
		return top;
	}

	clear(): void {
		this.#heap = [];
	}
}
