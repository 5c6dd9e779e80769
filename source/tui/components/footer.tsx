import {Text} from 'ink';
import {footerHints, type FooterHint, type KeyContext} from '../keys/keymap.js';
import {displayWidth} from '../../text/text.js';

// The bottom line: the keys that work on this screen, from the same table the key handler and the help
// overlay use. On a narrow terminal the least needed hints go first; quit and help stay longest.

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

export function Footer({context, width, ascii, readOnly = false}: {context: KeyContext; width: number; ascii: boolean; readOnly?: boolean}) {
	const hints = fitHints(footerHints(context, ascii, readOnly), width);
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
