import stringWidth from 'string-width';
import {remembered} from '../../text/text.js';

// A drop-in for Ink 6.8's measureText (build/measure-text.js), swapped in by the bundler (rolldown.config.js).
// Ink's keeps the size of every distinct text it has ever measured, in a Map that is never emptied
// (vadimdemedes/ink#986, bounded only in Ink 7, which needs Node 22): any text that changes over time (a
// ticking clock, a count) grows the heap for as long as the app runs. This one measures the same way (the
// widest line by string-width, as widest-line does, and the number of lines) and forgets everything once it
// holds LIMIT texts.

const LIMIT = 2000;
const sizes = new Map<string, {width: number; height: number}>();

/** How many texts the cache holds now. */
export const measuredTexts = (): number => sizes.size;

const measure = (text: string): {width: number; height: number} => {
	const lines = text.split('\n');
	let width = 0;
	for (const line of lines) width = Math.max(width, stringWidth(line));
	return {width, height: lines.length};
};

export default function measureText(text: string): {width: number; height: number} {
	return text.length === 0 ? {width: 0, height: 0} : remembered(sizes, text, measure, LIMIT);
}
