import {describe, expect, it} from 'vitest';
import {browserCommand} from '../../source/terminal/browser-command.js';

const URL = 'https://app.getcensus.com/syncs/102/history?sync_run_id=1050';

describe('browserCommand', () => {
	it('opens with open on macOS and xdg-open under X11 or Wayland', () => {
		expect(browserCommand(URL, {}, 'darwin')).toEqual({command: 'open', args: [URL]});
		expect(browserCommand(URL, {DISPLAY: ':0'}, 'linux')).toEqual({command: 'xdg-open', args: [URL]});
		expect(browserCommand(URL, {WAYLAND_DISPLAY: 'wayland-0'}, 'freebsd')).toEqual({command: 'xdg-open', args: [URL]});
	});

	it('has nothing to open with without a display', () => {
		expect(browserCommand(URL, {}, 'linux')).toBeNull();
		expect(browserCommand(URL, {DISPLAY: ''}, 'linux')).toBeNull();
		expect(browserCommand(URL, {}, 'win32')).toBeNull();
	});

	it('never opens over SSH, X forwarding included', () => {
		expect(browserCommand(URL, {DISPLAY: 'localhost:10.0', SSH_CONNECTION: '10.0.0.1 5000 10.0.0.2 22'}, 'linux')).toBeNull();
		expect(browserCommand(URL, {SSH_TTY: '/dev/pts/3'}, 'darwin')).toBeNull();
		expect(browserCommand(URL, {SSH_CLIENT: '10.0.0.1 5000 22', DISPLAY: ':0'}, 'linux')).toBeNull();
	});
});
