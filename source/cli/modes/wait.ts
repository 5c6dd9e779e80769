import type {RunStore} from '../../store/run-store.js';
import {EXIT_ROOT_GONE, EXIT_TOKEN_REJECTED, type ExitCode} from '../exit-codes.js';
import {attachNotifier, createNotifier} from '../notify.js';
import {createHealthReporter, rootGoneLine, tokenRejectedLineFromHealth, writeLine} from './messages.js';
import type {ModeContext, ModeStream} from './types.js';

// Runs the poller until a mode has its answer. The store is the only channel: the poller writes answers
// and connection health into it, and every change is offered to the mode, which prints and decides. A
// rejected token ends any wait (nothing will be polled any more); connection trouble is announced on
// stderr and waited out, since the watcher is meant to ride out network drops and rate limits.

export type WaitOptions = {
	/** Once at the start and after every store change, before `decide`. */
	onState?(state: RunStore): void;
	/** An exit code to stop with, or null to go on. */
	decide(state: RunStore): ExitCode | null;
	/** Give up after this long (real time); null waits for ever. */
	timeoutMs: number | null;
	onTimeout(state: RunStore): ExitCode;
	/** When ctx.signal aborts. */
	onAbort(state: RunStore): ExitCode;
	/**
	 * When the poller has nothing left to ask (every run ended, no sync followed): no answer will come
	 * again, and with no timer left the process would otherwise just run out of work mid-wait.
	 */
	onIdle(state: RunStore): ExitCode;
	/** Stop when stdout breaks (a closed pipe): for output that has no other purpose. */
	onOutputClosed?(state: RunStore): ExitCode | null;
};

/**
 * Where the bell and notification sequences go: stdout when it is a terminal, else stderr when that is
 * one, else nowhere, since in a pipe or a log they would only be noise.
 */
function notificationStream(stdout: ModeStream, stderr: ModeStream): ModeStream | null {
	if (stdout.isTTY === true) return stdout;
	return stderr.isTTY === true ? stderr : null;
}

export function pollUntil(ctx: ModeContext, options: WaitOptions): Promise<ExitCode> {
	const {store, poller, stderr, stdout, signal} = ctx;
	const reportHealth = createHealthReporter();
	const sink = notificationStream(stdout, stderr);
	const detachNotifier =
		ctx.settings.notify === 'none' || sink === null
			? () => undefined
			: attachNotifier(store, createNotifier({mode: ctx.settings.notify, env: ctx.env, write: sequence => sink.write(sequence)}));

	return new Promise<ExitCode>(resolve => {
		let finished = false;
		let timer: NodeJS.Timeout | undefined;
		let unsubscribe = (): void => undefined;
		let unsubscribeIdle = (): void => undefined;

		const finish = (code: ExitCode): void => {
			if (finished) return;
			finished = true;
			poller.stop();
			unsubscribe();
			unsubscribeIdle();
			detachNotifier();
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			stdout.removeListener('error', onOutputError);
			resolve(code);
		};

		const check = (state: RunStore): void => {
			if (finished) return;
			if (state.health.kind === 'token_rejected') {
				writeLine(stderr, tokenRejectedLineFromHealth(state.health.message));
				finish(EXIT_TOKEN_REJECTED);
				return;
			}

			if (state.health.kind === 'root_gone') {
				writeLine(stderr, rootGoneLine(state.health.reason, state.health.root));
				finish(EXIT_ROOT_GONE);
				return;
			}

			const line = reportHealth(state.health);
			if (line !== null) writeLine(stderr, line);
			options.onState?.(state);
			const code = options.decide(state);
			if (code !== null) finish(code);
		};

		function onAbort(): void {
			finish(options.onAbort(store.getState()));
		}

		function onOutputError(): void {
			const code = options.onOutputClosed?.(store.getState()) ?? null;
			if (code !== null) finish(code);
		}

		// A closed pipe is reported once as an 'error' on the stream; without a listener it would crash.
		stdout.on('error', onOutputError);
		if (signal?.aborted === true) {
			onAbort();
			return;
		}

		signal?.addEventListener('abort', onAbort, {once: true});
		unsubscribe = store.subscribe(state => {
			check(state);
		});
		if (options.timeoutMs !== null) {
			timer = setTimeout(() => {
				finish(options.onTimeout(store.getState()));
			}, options.timeoutMs);
		}

		unsubscribeIdle = poller.subscribeIdle(() => {
			finish(options.onIdle(store.getState()));
		});
		check(store.getState());
		if (!finished) poller.start();
	});
}
