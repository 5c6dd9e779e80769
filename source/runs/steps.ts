import {sanitizeText} from '../text/sanitize.js';

// The API reports only the step a run is on now, as a sentence. These are the seven steps in the order the
// reference lists them (it reads as the pipeline, though it is not promised to be the execution order),
// each with a short name of at most 12 cells for narrow columns. "Running sync" (also "Running Sync") is a
// generic step seen on finished and failed runs; it has no place in the order.

export type Step = {
	/** 1..7, in the reference's order. */
	index: number;
	/** As the API writes it. */
	name: string;
	/** At most 12 cells. */
	short: string;
};

export const STEPS: readonly Step[] = [
	{index: 1, name: 'Checking for columns to remove from the sync', short: 'Check cols'},
	{index: 2, name: 'Checking for fields to create in destination', short: 'Check fields'},
	{index: 3, name: 'Checking source and destination configuration', short: 'Check config'},
	{index: 4, name: 'Unloading data from warehouse', short: 'Unload'},
	{index: 5, name: 'Loading data into destination service', short: 'Load'},
	{index: 6, name: 'Committing data to destination service', short: 'Commit dest'},
	{index: 7, name: 'Committing sync to warehouse', short: 'Commit WH'},
];

export const STEP_COUNT = 7;

export const GENERIC_STEP = {name: 'Running sync', short: 'Running'} as const;

export type StepClass =
	| ({kind: 'ordered'} & Step)
	| {kind: 'generic'; name: string; short: string}
	| {kind: 'unknown'; name: string}
	| {kind: 'none'};

const normalise = (step: string): string => step.trim().replaceAll(/\s+/g, ' ').toLowerCase();

const ORDERED_BY_KEY = new Map(STEPS.map(step => [normalise(step.name), step]));
const GENERIC_KEY = normalise(GENERIC_STEP.name);

/**
 * Which step a `current_step` value is, matched ignoring case and surrounding or repeated whitespace.
 * For generic and unknown steps `name` is the value as given, sanitised and trimmed, ready to show;
 * an absent, empty or blank value is 'none'.
 */
export function classifyStep(step: string | null | undefined): StepClass {
	if (typeof step !== 'string') return {kind: 'none'};
	const key = normalise(step);
	if (key === '') return {kind: 'none'};
	const ordered = ORDERED_BY_KEY.get(key);
	if (ordered !== undefined) return {kind: 'ordered', ...ordered};
	const name = sanitizeText(step).trim();
	if (key === GENERIC_KEY) return {kind: 'generic', name, short: GENERIC_STEP.short};
	if (name === '') return {kind: 'none'};
	return {kind: 'unknown', name};
}
