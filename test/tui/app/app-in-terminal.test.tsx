import {afterEach, describe, expect, it, vi} from 'vitest';
import xterm from '@xterm/headless';
import {render} from 'ink';
import {App, type AppActions} from '../../../source/tui/app.js';
import {createFrameWriter} from '../../../source/terminal/frame-writer.js';
import {makeRun, makeSync, storeWith} from '../../helpers/builders.js';
import {pipeStdin} from '../../helpers/ink-streams.js';
import {noActions, options} from './app-fixtures.js';

// The App as the TUI runs it: Ink in debug mode against the frame writer, whose output goes to a headless
// xterm; what the terminal finally shows is what is checked, through resizes.

const instances: Array<() => void> = [];
afterEach(() => {
	for (const stop of instances.splice(0)) stop();
});

const screenOf = async (term: InstanceType<typeof xterm.Terminal>): Promise<string[]> => {
	await new Promise<void>(resolve => {
		term.write('', resolve);
	});
	const buffer = term.buffer.active;
	return Array.from({length: term.rows}, (_, row) => buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
};

function start(columns: number, rows: number) {
	const term = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	const writer = createFrameWriter({write: data => term.write(data), columns, rows, maxFps: 50});
	const stdin = pipeStdin();
	const store = storeWith(
		Array.from({length: 12}, (_, index) => makeRun(7000 + index, {syncId: 1 + (index % 3), status: index % 4 === 0 ? 'failed' : 'completed'})),
		[makeSync(1, 'Contacts → Salesforce'), makeSync(2, 'Deals → HubSpot'), makeSync(3, '数据同步 → Braze')],
	);
	store.getState().recordSuccess(Date.now());
	const instance = render(<App store={store} actions={noActions() as AppActions} options={options()} />, {
		stdout: writer.sink as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		patchConsole: false,
	});
	instances.push(() => {
		instance.unmount();
		writer.dispose();
	});
	return {
		term,
		resize(nextColumns: number, nextRows: number) {
			term.resize(nextColumns, nextRows);
			writer.resize(nextColumns, nextRows);
		},
	};
}

describe('App in a terminal', () => {
	it('shows the whole frame, and again after shrinking to 80x24 and 50x12 and growing to 120x40', async () => {
		const terminal = start(120, 40);
		const expectScreen = async (columns: number, rows: number) => {
			await vi.waitFor(async () => {
				const screen = await screenOf(terminal.term);
				expect(screen[0]).toMatch(/^(census-watch · )?DEMO .*(live|updated just now|updated \d+s ago)$/);
				expect(screen.some(line => line.includes(' 7011 '))).toBe(true);
				expect(screen.at(-2)).toMatch(/quit$/);
				expect(screen.at(-1)).toBe('');
				expect(screen).toHaveLength(rows);
				expect(terminal.term.cols).toBe(columns);
			});
		};

		await expectScreen(120, 40);
		for (const [columns, rows] of [
			[80, 24],
			[50, 12],
			[120, 40],
		] as const) {
			terminal.resize(columns, rows);
			await expectScreen(columns, rows);
		}
	});
});
