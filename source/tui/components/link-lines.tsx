import {Text} from 'ink';
import {urlLines} from '../../runs/links.js';
import {hyperlinkUrl, osc8Link} from '../../terminal/terminal-sequences.js';
import {padEndToWidth} from '../../text/text.js';

// A URL the user is to open or copy, whole, on lines of its own (nothing else on them, so a triple click
// or a drag selects just the URL). Where the terminal shows OSC 8 links every line is the same link, so a
// click on any part opens all of it.

/** Lines the URL takes at this width; 0 for a URL that is not a usable http(s) URL (it is not shown). */
export const linkLineCount = (url: string | undefined, width: number): number => {
	const usable = url === undefined ? null : hyperlinkUrl(url);
	return usable === null ? 0 : urlLines(usable, width).length;
};

export function LinkLines({url, width, hyperlinks}: {url: string; width: number; hyperlinks: boolean}) {
	const usable = hyperlinkUrl(url);
	if (usable === null) return null;
	return (
		<>
			{urlLines(usable, width).map((line, index) => (
				<Text key={index} color="cyan" underline={hyperlinks} wrap="truncate">
					{hyperlinks ? osc8Link(usable, line) : line}
					{padEndToWidth('', width - line.length)}
				</Text>
			))}
		</>
	);
}
