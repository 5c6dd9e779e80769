// A request budget counts the requests of a sliding window: the poller plans its sends by it and the header
// says how full it is. Both count with this one function, so the header shows the poller's own count.

/** Send times still inside the window of `windowMs` at `now` (the moment itself included), oldest first. */
export const inWindow = (sent: readonly number[], now: number, windowMs: number): readonly number[] => {
	const from = sent.findIndex(at => at > now - windowMs);
	if (from === 0) return sent;
	return from === -1 ? [] : sent.slice(from);
};
