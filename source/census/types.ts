// Typed shapes of what the Census API answers, after parsing at the boundary (see parse.ts).
// Unknown statuses and steps are kept verbatim as strings; the API's object is kept in `raw` so that
// `--once --json` can give a run exactly as the API gave it.

export type JsonObject = Record<string, unknown>;

export type TriggerReason = {
	uiTag: string | null;
	uiDetail: string | null;
};

export type SyncRun = {
	id: number;
	syncId: number;
	/** Verbatim from the API; may be a status this app does not know. */
	status: string;
	canceled: boolean;
	fullSync: boolean;
	/** Verbatim from the API; null when absent. */
	currentStep: string | null;
	createdAt: string | null;
	updatedAt: string | null;
	completedAt: string | null;
	scheduledExecutionTime: string | null;
	sourceRecordCount: number | null;
	sourceRecordUpdates: number | null;
	sourceRecordDeletes: number | null;
	/** source_record_invalids, falling back to the legacy records_invalid. */
	sourceRecordInvalids: number | null;
	recordsProcessed: number | null;
	recordsUpdated: number | null;
	recordsFailed: number | null;
	errorCode: string | null;
	errorMessage: string | null;
	errorDetail: string | null;
	/** A v2 plain-text reason is kept as uiTag. */
	triggerReason: TriggerReason | null;
	/** v2: the Fivetran group (a string id); absent on v1 and when the API gave none. */
	groupId?: string;
	/** The `data` object exactly as the API sent it. */
	raw: JsonObject;
};

export type Sync = {
	id: number;
	label: string | null;
	resourceIdentifier: string | null;
	/** "Ready", "Up to Date", "Failing", … in varying case; verbatim. */
	status: string | null;
	paused: boolean | null;
	operation: string | null;
	sourceConnectionId: number | null;
	sourceObject: string | null;
	/** An integer on v1; v2's activation ids are strings. */
	destinationConnectionId: number | string | null;
	destinationObject: string | null;
	/** mode.triggers.schedule.frequency, falling back to schedule_frequency. */
	scheduleFrequency: string | null;
	/** v2: the Fivetran group (a string id); absent on v1 and when the API gave none. */
	groupId?: string;
};

export type Pagination = {
	totalRecords: number | null;
	perPage: number | null;
	page: number | null;
	prevPage: number | null;
	nextPage: number | null;
	lastPage: number | null;
};

export type Page<T> = {
	items: T[];
	pagination: Pagination | null;
};

export type Order = 'asc' | 'desc';

export type PageQuery = {
	page?: number;
	perPage?: number;
	order?: Order;
};
