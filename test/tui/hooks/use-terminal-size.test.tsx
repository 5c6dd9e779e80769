import {describe, expect, it, vi} from 'vitest';
import {render, Text} from 'ink';
import {useTerminalSize} from '../../../source/tui/hooks/use-terminal-size.js';
import {FakeTerminal} from '../../helpers/ink-streams.js';

function Size() {
	const {columns, rows} = useTerminalSize();
	return <Text>{`${columns}x${rows}`}</Text>;
}

describe('useTerminalSize', () => {
	it('reads the size of the stream Ink renders to and follows its resize events', async () => {
		const stdout = new FakeTerminal();
		const instance = render(<Size />, {stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false});
		await vi.waitFor(() => expect(stdout.last).toContain('120x40'));
		stdout.columns = 50;
		stdout.rows = 12;
		stdout.emit('resize');
		await vi.waitFor(() => expect(stdout.last).toContain('50x12'));
		instance.unmount();
		expect(stdout.listenerCount('resize')).toBe(0);
	});

	it('assumes 80x24 when the stream does not say', async () => {
		const stdout = new FakeTerminal();
		Object.assign(stdout, {columns: undefined, rows: undefined});
		const instance = render(<Size />, {stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false});
		await vi.waitFor(() => expect(stdout.last).toContain('80x24'));
		instance.unmount();
	});
});
