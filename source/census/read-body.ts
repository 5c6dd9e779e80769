// Reading an answer within bounds: at most so many bytes, and never past the attempt's abort signal.
// The signal is honoured here, by cancelling our own reader, rather than trusted to reach the socket
// through fetch: on Node 20 a Request object keeps only a weak reference to the abort controller that
// links it to the signal it was made with, so once ky has handed its Request to fetch and let go of it,
// garbage collection can cut the link and an abort never reaches a body that stalls or trickles.

export type BodyText = {text: string; complete: boolean};

const abortError = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

/** Resolves as `pending` does, or rejects as soon as `signal` aborts (a late answer's body is dropped). */
export async function untilAborted(pending: Promise<Response>, signal: AbortSignal): Promise<Response> {
	if (signal.aborted) {
		pending.then(dropBody, () => undefined);
		throw abortError(signal);
	}

	let onAbort = (): void => undefined;
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => {
			pending.then(dropBody, () => undefined);
			reject(abortError(signal));
		};

		signal.addEventListener('abort', onAbort, {once: true});
	});
	try {
		return await Promise.race([pending, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

function dropBody(response: Response): void {
	response.body?.cancel().catch(() => undefined);
}

/**
 * Reads at most `maxBytes` of the body, then drops the connection's remainder. Rejects with the signal's
 * reason when it aborts, and cancels the body then, which closes the connection.
 */
export async function readBody(response: Response, maxBytes: number, signal: AbortSignal): Promise<BodyText> {
	if (response.body === null) {
		return {text: '', complete: true};
	}

	const reader = response.body.getReader();
	const onAbort = (): void => {
		// A pending read resolves as done once the reader is cancelled; the check after it throws.
		reader.cancel(abortError(signal)).catch(() => undefined);
	};

	signal.addEventListener('abort', onAbort, {once: true});
	try {
		if (signal.aborted) onAbort();
		const decoder = new TextDecoder();
		let text = '';
		let bytes = 0;
		for (;;) {
			const {done, value} = await reader.read();
			if (signal.aborted) throw abortError(signal);
			if (done) {
				return {text: text + decoder.decode(), complete: true};
			}

			if (bytes + value.byteLength > maxBytes) {
				text += decoder.decode(value.subarray(0, maxBytes - bytes));
				reader.cancel().catch(() => undefined);
				return {text, complete: false};
			}

			bytes += value.byteLength;
			text += decoder.decode(value, {stream: true});
		}
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
