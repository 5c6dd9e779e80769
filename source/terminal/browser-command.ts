import type {Env} from './terminal-sequences.js';

// Whether `o` can open a link in a browser the user sees, and with what. Only with a local display: on
// macOS, or where X11 or Wayland is there (DISPLAY, WAYLAND_DISPLAY), and never over SSH, where a browser
// would start on the remote machine (or on a forwarded X display nobody looks at). Elsewhere the screen
// shows the URL whole instead.

export type BrowserCommand = {command: string; args: string[]};

const set = (value: string | undefined): boolean => (value ?? '') !== '';

/** sshd sets SSH_CONNECTION for every session, SSH_TTY with a terminal, SSH_CLIENT on older versions. */
const overSsh = (env: Env): boolean => set(env.SSH_CONNECTION) || set(env.SSH_TTY) || set(env.SSH_CLIENT);

/** The command that opens `url` in a local browser, or null when there is no local display. */
export function browserCommand(url: string, env: Env, platform: NodeJS.Platform): BrowserCommand | null {
	if (overSsh(env)) return null;
	if (platform === 'darwin') return {command: 'open', args: [url]};
	if (platform === 'win32' || platform === 'cygwin') return null;
	return set(env.DISPLAY) || set(env.WAYLAND_DISPLAY) ? {command: 'xdg-open', args: [url]} : null;
}
