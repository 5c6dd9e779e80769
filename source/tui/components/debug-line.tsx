import {useEffect, useState} from 'react';
import {Text} from 'ink';
import {useRunStoreApi} from '../../store/react.js';
import {cell} from '../view/cell.js';

// --debug: one line above the footer saying what the app costs, terminal bytes and API requests, so that
// anyone can check it (over SSH, or against the budget). It moves once a second, and only with --debug:
// the line's own redraw is in the figures it shows.

export type WriterStats = {bytes: number; frames: number};

export type DebugSample = {
	/** Since the previous sample. */
	bytesPerSecond: number;
	framesPerSecond: number;
	/** Since the app started. */
	averageBytesPerSecond: number;
	totalBytes: number;
	requestsPerMinute: number;
};

const SAMPLE_MS = 1000;
const MINUTE_MS = 60_000;

/** Requests started in the minute before `now`; `recent` holds start times, oldest first. */
export const requestsInLastMinute = (recent: readonly number[], now: number): number => recent.filter(at => at > now - MINUTE_MS).length;

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${Math.round(bytes)} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function debugText(sample: DebugSample, ascii: boolean): string {
	const sep = ascii ? ' | ' : ' · ';
	return [
		`debug: ${formatBytes(sample.bytesPerSecond)}/s written (avg ${formatBytes(sample.averageBytesPerSecond)}/s, ${formatBytes(sample.totalBytes)} in all)`,
		`${sample.framesPerSecond.toFixed(1)} frames/s`,
		`${sample.requestsPerMinute} req/min`,
	].join(sep);
}

export function DebugLine({stats, width, ascii}: {stats: () => WriterStats; width: number; ascii: boolean}) {
	const store = useRunStoreApi();
	const [text, setText] = useState(ascii ? 'debug: measuring...' : 'debug: measuring…');
	useEffect(() => {
		const startedAt = Date.now();
		let last = {at: startedAt, ...stats()};
		const timer = setInterval(() => {
			const now = Date.now();
			const current = stats();
			const seconds = Math.max(0.001, (now - last.at) / 1000);
			setText(
				debugText(
					{
						bytesPerSecond: (current.bytes - last.bytes) / seconds,
						framesPerSecond: (current.frames - last.frames) / seconds,
						averageBytesPerSecond: current.bytes / Math.max(1, (now - startedAt) / 1000),
						totalBytes: current.bytes,
						requestsPerMinute: requestsInLastMinute(store.getState().requests.recent, now),
					},
					ascii,
				),
			);
			last = {at: now, ...current};
		}, SAMPLE_MS);
		return () => {
			clearInterval(timer);
		};
	}, [stats, store, ascii]);
	return (
		<Text dimColor wrap="truncate">
			{cell(text, width, {ascii})}
		</Text>
	);
}
