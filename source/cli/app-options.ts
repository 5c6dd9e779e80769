import type {AppOptions} from '../tui/app.js';
import {BUDGET_WINDOW_MS} from '../polling/budget.js';
import {schedulerConfig, type SchedulerConfig} from '../polling/config.js';
import type {Settings} from './settings.js';

// The poller's settings and the screens' come from here together, so that the screens judge a run by the
// interval it is really polled at (a stall is four polls at least) and count the budget the poller keeps.

/** The scheduler's settings: --interval (or the profile's) and --budget over its defaults. */
export const pollerConfig = (settings: Settings): SchedulerConfig =>
	schedulerConfig({
		intervalMs: settings.intervalMs,
		...(settings.budgetPerMinute === null ? {} : {budgetPerMinute: settings.budgetPerMinute}),
	});

/** Where the App is connected and which zone the machine is in: known only once the API has answered. */
export type AppPlace = {baseUrl: string; timeZone: string};

/** The App's options for these settings, with the poller's interval and budget window. */
export const appOptions = (settings: Settings, place: AppPlace): AppOptions => ({
	demo: settings.connection.kind === 'demo',
	workspaceLabel: settings.workspaceLabel,
	readOnly: settings.readOnly,
	ascii: settings.ascii,
	animation: settings.animation,
	hyperlinks: settings.hyperlinks,
	baseUrl: place.baseUrl,
	group: settings.connection.kind === 'census' ? settings.connection.groupId : null,
	workspaceId: settings.workspaceId,
	lowBandwidth: settings.lowBandwidth,
	timeZone: place.timeZone,
	mouse: settings.mouse,
	pollIntervalMs: pollerConfig(settings).intervalMs,
	budgetWindowMs: BUDGET_WINDOW_MS,
});
