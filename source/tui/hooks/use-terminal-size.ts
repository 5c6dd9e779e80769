import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

// Ink 6.8 follows the width itself but leaves the height to the app. The size is read from the stream Ink
// renders to (in the TUI that is the frame writer's sink, which emits 'resize' when the terminal does).

export type TerminalSize = {columns: number; rows: number};

const FALLBACK: TerminalSize = {columns: 80, rows: 24};

const read = (stream: {columns?: number; rows?: number}): TerminalSize => ({
	columns: stream.columns && stream.columns > 0 ? stream.columns : FALLBACK.columns,
	rows: stream.rows && stream.rows > 0 ? stream.rows : FALLBACK.rows,
});

/** The terminal's size, re-read on every 'resize'; 80x24 for a stream that does not say. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => read(stdout));
	useEffect(() => {
		const update = () => {
			const next = read(stdout);
			setSize(previous => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};

		update();
		stdout.on('resize', update);
		return () => {
			stdout.off('resize', update);
		};
	}, [stdout]);
	return size;
}
