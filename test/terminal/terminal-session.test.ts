import {describe, expect, it} from 'vitest';
import {createTerminalSession, enterSequence, leaveSequence} from '../../source/terminal/session.js';

const ESC = '\u001B';

const fakeExitRegistry = () => {
	const handlers = new Set<() => void>();
	return {
		register(restore: () => void) {
			handlers.add(restore);
			return () => handlers.delete(restore);
		},
		fire() {
			for (const handler of [...handlers]) handler();
		},
		get size() {
			return handlers.size;
		},
	};
};

describe('terminal session', () => {
	it('enters the alternate screen, hides the cursor and pushes the title', () => {
		const writes: string[] = [];
		const exits = fakeExitRegistry();
		const session = createTerminalSession({write: data => writes.push(data), title: 'census-watch', registerExit: exits.register});
		session.enter();
		expect(writes).toHaveLength(1);
		expect(writes[0]).toContain(`${ESC}[?1049h`);
		expect(writes[0]).toContain(`${ESC}[?25l`);
		expect(writes[0]).toContain(`${ESC}[22;2t`);
		expect(writes[0]).toContain(`${ESC}]2;census-watch\u0007`);
		expect(writes[0]).not.toContain(`${ESC}[?1004h`);
		expect(session.active).toBe(true);
	});

	it('writes the restore sequences once even when left twice', () => {
		const writes: string[] = [];
		const exits = fakeExitRegistry();
		const session = createTerminalSession({write: data => writes.push(data), title: 'census-watch', registerExit: exits.register});
		session.enter();
		session.leave();
		session.leave();
		expect(writes).toHaveLength(2);
		// An empty title first, for terminals without a title stack; then the pop, for those with one.
		expect(writes[1]).toBe(`${ESC}[?25h${ESC}[?1049l${ESC}]2;\u0007${ESC}[23;2t`);
		expect(session.active).toBe(false);
	});

	it('restores from the exit hook and then unregisters it', () => {
		const writes: string[] = [];
		const exits = fakeExitRegistry();
		const session = createTerminalSession({write: data => writes.push(data), registerExit: exits.register});
		session.enter();
		expect(exits.size).toBe(1);
		exits.fire();
		expect(writes.at(-1)).toContain(`${ESC}[?1049l`);
		expect(exits.size).toBe(0);
		session.leave();
		expect(writes).toHaveLength(2);
	});

	it('unregisters the exit hook when left normally', () => {
		const exits = fakeExitRegistry();
		const session = createTerminalSession({write: () => undefined, registerExit: exits.register});
		session.enter();
		session.leave();
		expect(exits.size).toBe(0);
	});

	it('turns focus reporting on and off only when asked', () => {
		expect(enterSequence({focusReporting: true})).toContain(`${ESC}[?1004h`);
		expect(leaveSequence({focusReporting: true})).toContain(`${ESC}[?1004l`);
		expect(leaveSequence({})).not.toContain('1004');
	});

	it('turns SGR mouse reporting on only when asked, and off again on every way out, the exit hook included', () => {
		expect(enterSequence({mouse: true})).toContain(`${ESC}[?1000h${ESC}[?1006h`);
		expect(enterSequence({})).not.toContain('1000h');
		expect(enterSequence({})).not.toContain('1006h');
		const writes: string[] = [];
		const exits = fakeExitRegistry();
		const session = createTerminalSession({write: data => writes.push(data), mouse: true, registerExit: exits.register});
		session.enter();
		exits.fire();
		expect(writes.at(-1)?.startsWith(`${ESC}[?1006l${ESC}[?1000l`)).toBe(true);
		const quit: string[] = [];
		const normal = createTerminalSession({write: data => quit.push(data), mouse: true, registerExit: fakeExitRegistry().register});
		normal.enter();
		normal.leave();
		expect(quit[1]).toContain(`${ESC}[?1000l`);
	});

	it('leaves the title alone when none is set', () => {
		expect(enterSequence({})).not.toContain('22;2t');
		expect(leaveSequence({})).not.toContain('23;2t');
	});

	it('sanitises the title', () => {
		expect(enterSequence({title: `x${ESC}]52;c;AAAA\u0007`})).not.toContain(']52');
	});
});
