import {Text} from 'ink';
import {footerHints, type FooterHint, type OffReasons} from '../keys/key-hints.js';
import type {KeyContext} from '../keys/keymap.js';
import {displayWidth} from '../../text/text.js';

// The bottom line: the keys of this screen, from the same table the dispatcher and the help overlay use;
// a key that is off now is dimmed and says why. On a narrow terminal the least needed hints go first; quit
// and help stay longest.

const GAP = '  ';

const hintWidth = (hint: FooterHint): number => displayWidth(hint.keys) + 1 + displayWidth(hint.word);

/** The hints that fit in `width`, in display order, dropping the highest-ranked (least needed) first. */
export function fitHints(hints: readonly FooterHint[], width: number): FooterHint[] {
	const kept = [...hints];
	const total = () => kept.reduce((sum, hint, index) => sum + hintWidth(hint) + (index === 0 ? 0 : GAP.length), 0);
	while (kept.length > 0 && total() > width) {
		let drop = 0;
		for (const [index, hint] of kept.entries()) if (hint.rank > (kept[drop]?.rank ?? -1)) drop = index;
		kept.splice(drop, 1);
	}

	return kept;
}

/** `off`: the keys that are off now, and why (keys/keymap.ts offReasons); absent: every key shows as on. */
export function Footer({context, width, ascii, off}: {context: KeyContext; width: number; ascii: boolean; off?: OffReasons}) {
	const hints = fitHints(footerHints(context, ascii, off), width);
	return (
		<Text wrap="truncate">
			{hints.map((hint, index) => (
				<Text key={hint.word}>
					{index === 0 ? '' : GAP}
					<Text bold={!hint.disabled} dimColor={hint.disabled === true}>
						{hint.keys}
					</Text>
					<Text dimColor> {hint.word}</Text>
				</Text>
			))}
		</Text>
	);
}
