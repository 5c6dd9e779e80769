import {Text} from 'ink';
import {footerHints, type FooterHint, type OffReasons} from '../keys/key-hints.js';
import type {KeyContext} from '../keys/keymap.js';
import {displayWidth} from '../../text/text.js';

// The bottom line: the keys of this screen, from the same table the dispatcher and the help overlay use;
// a key that is off now is dimmed and says why. On a narrow terminal the least needed hints go first; quit
// and help stay longest.

const GAP = '  ';

const hintWidth = (hint: FooterHint): number => displayWidth(hint.keys) + 1 + displayWidth(hint.word);

/** The hints that fit in `width`, in display order: the most needed first, and any less needed one that still fits. */
export function fitHints(hints: readonly FooterHint[], width: number): FooterHint[] {
	// The most important first, each kept while it fits: a long off hint ("c cancel (off: run ended)") that
	// does not fit gives way alone instead of taking shorter, less important ones with it.
	const kept = new Set<FooterHint>();
	let used = 0;
	for (const hint of [...hints].sort((a, b) => a.rank - b.rank)) {
		const needed = hintWidth(hint) + (kept.size === 0 ? 0 : GAP.length);
		if (used + needed > width) continue;
		kept.add(hint);
		used += needed;
	}

	return hints.filter(hint => kept.has(hint));
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
