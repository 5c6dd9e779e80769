// What a believable Census workspace is made of: warehouses, destination services, and the syncs that
// connect them. Only data lives here; sync-factory.ts turns it into API objects.

export type Warehouse = {
	name: string;
	connectionId: number;
	/** How the warehouse quotes a qualified table name in a model's SQL. */
	schema: string;
	/** API v2's `group_id`: the Fivetran group the source connection belongs to. */
	groupId: string;
};

export type FieldStyle = 'salesforce' | 'snake' | 'camel';

export type Destination = {
	name: string;
	connectionId: number;
	fieldStyle: FieldStyle;
	/** Host the destination's API errors mention. */
	apiHost: string;
};

export type SyncTemplate = {
	/** The source model as people name it in a label ("Users"). */
	source: string;
	model: string;
	destination: string;
	/** The destination object's API name, as Census reports it in destination_attributes.object. */
	object: string;
	/** How the object reads in a label ("Contacts"). */
	objectLabel: string;
	operation: 'upsert' | 'update' | 'mirror' | 'append' | 'create';
	identifier: string;
	columns: readonly string[];
	/** Typical number of rows in the source model. */
	size: readonly [number, number];
};

export const WAREHOUSES: readonly Warehouse[] = [
	{name: 'Snowflake', connectionId: 11, schema: 'ANALYTICS.MARTS', groupId: 'wandering_aimlessly'},
	{name: 'BigQuery', connectionId: 12, schema: 'acme-analytics.marts', groupId: 'quietly_humming'},
	{name: 'Databricks', connectionId: 13, schema: 'main.marts', groupId: 'brightly_burning'},
	{name: 'Redshift', connectionId: 14, schema: 'analytics.marts', groupId: 'steadily_rising'},
];

export const DESTINATIONS: readonly Destination[] = [
	{name: 'Salesforce', connectionId: 21, fieldStyle: 'salesforce', apiHost: 'acme.my.salesforce.com'},
	{name: 'HubSpot', connectionId: 22, fieldStyle: 'snake', apiHost: 'api.hubapi.com'},
	{name: 'Braze', connectionId: 23, fieldStyle: 'snake', apiHost: 'rest.iad-03.braze.com'},
	{name: 'Google Ads', connectionId: 24, fieldStyle: 'camel', apiHost: 'googleads.googleapis.com'},
	{name: 'Stripe', connectionId: 25, fieldStyle: 'snake', apiHost: 'api.stripe.com'},
	{name: 'Intercom', connectionId: 26, fieldStyle: 'snake', apiHost: 'api.intercom.io'},
	{name: 'Zendesk', connectionId: 27, fieldStyle: 'snake', apiHost: 'acme.zendesk.com'},
	{name: 'Facebook Ads', connectionId: 28, fieldStyle: 'snake', apiHost: 'graph.facebook.com'},
	{name: 'Marketo', connectionId: 29, fieldStyle: 'camel', apiHost: '123-ABC-456.mktorest.com'},
	{name: 'Customer.io', connectionId: 30, fieldStyle: 'snake', apiHost: 'track.customer.io'},
	{name: 'Iterable', connectionId: 31, fieldStyle: 'camel', apiHost: 'api.iterable.com'},
	{name: 'Slack', connectionId: 32, fieldStyle: 'snake', apiHost: 'slack.com'},
];

const PEOPLE = ['EMAIL', 'FIRST_NAME', 'LAST_NAME', 'PHONE', 'TITLE', 'COMPANY_NAME', 'COUNTRY', 'SIGNUP_AT'];
const ACCOUNTS = ['ACCOUNT_ID', 'DOMAIN', 'NAME', 'INDUSTRY', 'EMPLOYEE_COUNT', 'ARR', 'PLAN', 'OWNER_EMAIL'];

export const SYNC_TEMPLATES: readonly SyncTemplate[] = [
	{source: 'Users', model: 'users_enriched', destination: 'Salesforce', object: 'Contact', objectLabel: 'Contacts', operation: 'upsert', identifier: 'EMAIL', columns: [...PEOPLE, 'LIFETIME_VALUE', 'LAST_SEEN_AT', 'LEAD_SCORE'], size: [40_000, 600_000]},
	{source: 'Accounts', model: 'accounts_health', destination: 'HubSpot', object: 'companies', objectLabel: 'Companies', operation: 'upsert', identifier: 'DOMAIN', columns: [...ACCOUNTS, 'HEALTH_SCORE', 'RENEWAL_DATE'], size: [5_000, 80_000]},
	{source: 'Events', model: 'product_events_daily', destination: 'Braze', object: 'user', objectLabel: 'Users', operation: 'update', identifier: 'EXTERNAL_ID', columns: ['EXTERNAL_ID', 'EMAIL', 'LAST_EVENT', 'LAST_EVENT_AT', 'SESSIONS_7D', 'FEATURES_USED', 'PUSH_OPT_IN'], size: [200_000, 2_500_000]},
	{source: 'Orders', model: 'orders_attributed', destination: 'Google Ads', object: 'offline_conversion', objectLabel: 'Conversions', operation: 'append', identifier: 'ORDER_ID', columns: ['ORDER_ID', 'GCLID', 'CONVERSION_ACTION', 'CONVERSION_TIME', 'ORDER_VALUE', 'CURRENCY'], size: [1_000, 40_000]},
	{source: 'Leads', model: 'inbound_leads', destination: 'Salesforce', object: 'Lead', objectLabel: 'Leads', operation: 'upsert', identifier: 'EMAIL', columns: [...PEOPLE, 'LEAD_SOURCE', 'UTM_CAMPAIGN', 'FIT_SCORE'], size: [10_000, 150_000]},
	{source: 'Subscriptions', model: 'subscriptions_current', destination: 'Stripe', object: 'customer', objectLabel: 'Customers', operation: 'update', identifier: 'STRIPE_CUSTOMER_ID', columns: ['STRIPE_CUSTOMER_ID', 'EMAIL', 'PLAN', 'SEATS', 'MRR', 'TRIAL_ENDS_AT'], size: [3_000, 60_000]},
	{source: 'Product Usage', model: 'workspace_usage_weekly', destination: 'Intercom', object: 'company', objectLabel: 'Companies', operation: 'upsert', identifier: 'ACCOUNT_ID', columns: [...ACCOUNTS, 'ACTIVE_USERS_30D', 'PROJECTS', 'LAST_ACTIVE_AT'], size: [5_000, 90_000]},
	{source: 'Churn Scores', model: 'churn_predictions', destination: 'Zendesk', object: 'organization', objectLabel: 'Organizations', operation: 'update', identifier: 'DOMAIN', columns: ['DOMAIN', 'NAME', 'CHURN_RISK', 'CHURN_SCORE', 'CSM_EMAIL', 'SCORED_AT'], size: [2_000, 30_000]},
	{source: 'High-Intent Visitors', model: 'audience_high_intent', destination: 'Facebook Ads', object: 'custom_audience', objectLabel: 'Custom Audience', operation: 'mirror', identifier: 'EMAIL_SHA256', columns: ['EMAIL_SHA256', 'PHONE_SHA256', 'COUNTRY', 'FIRST_SEEN_AT'], size: [20_000, 400_000]},
	{source: 'Trials', model: 'trial_signups', destination: 'Marketo', object: 'lead', objectLabel: 'Leads', operation: 'upsert', identifier: 'EMAIL', columns: [...PEOPLE, 'TRIAL_STARTED_AT', 'ACTIVATION_SCORE'], size: [8_000, 120_000]},
	{source: 'Workspaces', model: 'workspaces_dim', destination: 'Customer.io', object: 'people', objectLabel: 'People', operation: 'upsert', identifier: 'ID', columns: ['ID', 'EMAIL', 'WORKSPACE_NAME', 'ROLE', 'CREATED_AT', 'SEATS_USED'], size: [30_000, 500_000]},
	{source: 'Feature Adoption', model: 'feature_adoption', destination: 'Iterable', object: 'users', objectLabel: 'Users', operation: 'update', identifier: 'EMAIL', columns: ['EMAIL', 'USER_ID', 'FEATURES_ADOPTED', 'LAST_FEATURE', 'NPS'], size: [50_000, 700_000]},
	{source: 'Deals', model: 'open_deals', destination: 'HubSpot', object: 'deals', objectLabel: 'Deals', operation: 'mirror', identifier: 'DEAL_ID', columns: ['DEAL_ID', 'NAME', 'STAGE', 'AMOUNT', 'CLOSE_DATE', 'OWNER_EMAIL', 'ACCOUNT_DOMAIN'], size: [1_000, 25_000]},
	{source: 'Support Escalations', model: 'escalations_open', destination: 'Slack', object: 'channel_message', objectLabel: 'Messages', operation: 'append', identifier: 'TICKET_ID', columns: ['TICKET_ID', 'ACCOUNT_NAME', 'PRIORITY', 'SUMMARY', 'OPENED_AT'], size: [10, 400]},
	{source: 'Customers', model: 'customers_360', destination: 'Salesforce', object: 'Account', objectLabel: 'Accounts', operation: 'update', identifier: 'ACCOUNT_ID', columns: [...ACCOUNTS, 'NPS', 'OPEN_TICKETS', 'LAST_ORDER_AT'], size: [5_000, 100_000]},
	{source: 'Cart Abandoners', model: 'carts_abandoned_24h', destination: 'Braze', object: 'user', objectLabel: 'Users', operation: 'update', identifier: 'EXTERNAL_ID', columns: ['EXTERNAL_ID', 'EMAIL', 'CART_VALUE', 'CART_ITEMS', 'ABANDONED_AT'], size: [500, 20_000]},
];

/** Extra columns a model often carries, so that mappings have the size of real ones. */
export const COMMON_COLUMNS: readonly string[] = [
	'UPDATED_AT',
	'CREATED_AT',
	'REGION',
	'SEGMENT',
	'LIFECYCLE_STAGE',
	'ACQUISITION_CHANNEL',
	'PREFERRED_LANGUAGE',
	'TIMEZONE',
	'IS_INTERNAL',
	'MARKETING_OPT_IN',
	'LAST_CAMPAIGN',
	'ACCOUNT_TIER',
	'SALES_REGION',
	'PARTNER_ID',
	'DATA_SOURCE',
];

/** Distinguishes the second, third, … sync built from the same template. */
export const LABEL_VARIANTS: readonly string[] = ['', ' (EU)', ' (Sandbox)', ' (APAC)', ' (Backfill)'];

export const TEAMMATES: readonly string[] = [
	'maria.lopez@acme.io',
	'dev.patel@acme.io',
	'sam.okafor@acme.io',
	'jin.park@acme.io',
	'ops-bot@acme.io',
];
