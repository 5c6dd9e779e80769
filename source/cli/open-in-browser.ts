import {spawn} from 'node:child_process';
import {browserCommand} from '../terminal/browser-command.js';
import type {Env} from '../terminal/terminal-sequences.js';

// Starts the local browser on a URL (`o`), detached so that it outlives nothing and prints nothing on
// the TUI's terminal. Resolves true once the opener has started, false when there is no local display or
// the opener could not start (not installed): the App then shows the URL instead.

export async function openInBrowser(url: string, env: Env = process.env, platform: NodeJS.Platform = process.platform): Promise<boolean> {
	const opener = browserCommand(url, env, platform);
	if (opener === null) return false;
	return new Promise(resolve => {
		const child = spawn(opener.command, opener.args, {detached: true, stdio: 'ignore', env: {...env}});
		child.once('spawn', () => {
			child.unref();
			resolve(true);
		});
		child.once('error', () => {
			resolve(false);
		});
	});
}
