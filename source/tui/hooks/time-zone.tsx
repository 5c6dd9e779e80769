import {createContext, useContext, type ReactNode} from 'react';

// The zone every wall-clock time on screen is shown in (an IANA name; `Z` switches it between the local
// zone and UTC). Undefined: the machine's own, for components rendered on their own in tests.

const TimeZoneContext = createContext<string | undefined>(undefined);

export function TimeZoneProvider({timeZone, children}: {timeZone: string | undefined; children: ReactNode}) {
	return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

export const useTimeZone = (): string | undefined => useContext(TimeZoneContext);
