// Which zone the wall-clock times on screen are in, said next to them ('08:21 UTC+1'): an ops team spans
// zones, and Census's web app and logs speak UTC. The zone is an IANA name passed in (the machine's only
// at the edge, in the CLI), so that tests fix it instead of depending on where they run.

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

const offsetFormatter = (timeZone: string): Intl.DateTimeFormat => {
	let formatter = offsetFormatters.get(timeZone);
	if (formatter === undefined) {
		formatter = new Intl.DateTimeFormat('en-US', {timeZone, timeZoneName: 'longOffset'});
		offsetFormatters.set(timeZone, formatter);
	}

	return formatter;
};

/** The machine's zone: only the CLI asks, and passes it on. */
export const machineTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The zone's offset from UTC at `at` as shown beside times: 'UTC', 'UTC+1', 'UTC-7', 'UTC+5:30'. Daylight
 * saving counts (the offset of that instant). An unknown zone name reads as the name itself.
 */
export function zoneLabel(timeZone: string, at: number): string {
	let name: string;
	try {
		name = offsetFormatter(timeZone).formatToParts(Number.isFinite(at) ? at : 0).find(part => part.type === 'timeZoneName')?.value ?? '';
	} catch {
		return timeZone;
	}

	const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
	if (match === null) return timeZone;
	const [, sign, hours, minutes] = match;
	if (sign === undefined || (hours === '00' && minutes === '00')) return 'UTC';
	return `UTC${sign}${Number(hours)}${minutes === '00' ? '' : `:${minutes}`}`;
}
