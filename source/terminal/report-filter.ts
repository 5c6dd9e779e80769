// Terminal reports (mouse, focus) arrive in the same stream as the keys, and a read can end in the middle
// of one. A report filter takes the whole ones out of the input and holds back the start of a cut one
// until the next chunk or a flush, so that its bytes never reach the app as keys.

export type ReportFilter<Event> = {
	/** The input without reports, and the events found, in order. */
	push(chunk: string): {text: string; events: Event[]};
	/** The held-back tail, as input: no report completed it in time. */
	flush(): string;
	/** Something is held back. */
	holding(): boolean;
};

/**
 * `strip` takes the whole reports out of its input and adds what they mean to `events`; `partialTail`
 * gives the end of what is left that may be the start of a report.
 */
export function createReportFilter<Event>(strip: (input: string, events: Event[]) => string, partialTail: (text: string) => string): ReportFilter<Event> {
	let held = '';
	return {
		push(chunk) {
			const events: Event[] = [];
			const text = strip(held + chunk, events);
			held = partialTail(text);
			return {text: text.slice(0, text.length - held.length), events};
		},
		flush() {
			const tail = held;
			held = '';
			return tail;
		},
		holding: () => held !== '',
	};
}
