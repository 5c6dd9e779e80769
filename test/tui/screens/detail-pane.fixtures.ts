import {observeRun, type RunObservation} from '../../../source/runs/observe.js';
import {inFlightRun} from '../../helpers/builders.js';

// Poll histories and hostile text for the detail pane, error inspector and step timeline tests.

export type Poll = {at: number; step: string | null; status?: string};

/** The observation the store would hold after these polls of one run. */
export const observe = (polls: Poll[], ended: (status: string) => boolean = status => status !== 'working'): RunObservation => {
	let observation: RunObservation | undefined;
	for (const poll of polls) {
		const status = poll.status ?? 'working';
		observation = observeRun(observation, inFlightRun({currentStep: poll.step, status}), poll.at, ended(status));
	}

	if (!observation) throw new Error('observe needs at least one poll');
	return observation;
};

/** Hostile text as the API could send it: an OSC title, a screen clear, an 8-bit CSI and OSC, a bell. */
export const HOSTILE = 'A\u001b]0;pwned\u0007B\u001b[2JC\u009b31mD\u009d0;owned\u009cE\u0007F';
/** What must never reach the terminal from API text. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
