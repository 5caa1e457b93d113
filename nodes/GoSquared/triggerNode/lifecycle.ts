import { randomBytes } from 'crypto';

import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nodeErrorOf, Session, withMoreDescription, type Api } from '../../shared/request';
import { isPlainObject, Parameters, shown } from '../../shared/validation';
import { eventTypeByOption, readEvent, type EventType, type GoSquaredEvent } from '../helpers/events';
import {
	deleteAt,
	getIfPresent,
	goSquaredRequest,
	goSquaredService,
	listOf,
	objectOf,
	webhookTriggersPath,
	WEBHOOKS_PATH,
	webhookPath,
} from '../transport';
import { SECRET_PARAMETER } from './delivery';

/**
 * The GoSquared Trigger's webhook at GoSquared: one webhook per node URL, pointing at that URL
 * with a random secret in its query string, carrying one GoSquared trigger per configured event.
 *
 * n8n calls `checkExists` on every activation (and on every start of n8n), and `create` only
 * when it answers false; `delete` on deactivation. What was registered is kept in the node's
 * static data, keyed by the node's webhook URL, because the production URL and the editor's
 * test URL ("Listen for test event") each get a webhook of their own and must not touch each
 * other's. `create` is idempotent: before it registers anything it removes what this node
 * registered before (same kind, production or test) and any webhook at GoSquared that points at
 * this node's URL, so neither a lost static data nor a crashed activation can leave two.
 */

export interface Registration {
	kind: 'production' | 'test';
	webhookId: number;
	secret: string;
	includeUnverified: boolean;
	triggers: Array<{ id: number; trigger: GoSquaredEvent; value: string | number }>;
}

/** A webhook trigger the node wants at GoSquared: an event and its value. */
interface DesiredTrigger {
	eventType: EventType;
	/** What is sent as `value`: GoSquared requires one on its triggers endpoint, chat messages get ''. */
	value: string | number;
}

interface Desired {
	triggers: DesiredTrigger[];
	includeUnverified: boolean;
}

/** 256 bits; hex keeps it URL-safe without encoding. */
const SECRET_BYTES = 32;

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const desired = desiredConfig(this);
	const nodeUrl = nodeWebhookUrl(this);
	const registration = registrationsOf(this)[nodeUrl];
	if (!registration) return false;
	const api = apiOf(this, [registration.secret]);
	const webhook = await getIfPresent(api, webhookPath(registration.webhookId));
	// Deleted at GoSquared (by hand, or by another n8n): create registers a new one.
	if (!webhook) return false;
	if (!pointsAt(webhook.url, nodeUrl, registration.secret)) return false;
	if (typeof webhook.include_unverified === 'boolean' && webhook.include_unverified !== desired.includeUnverified) {
		return false;
	}
	const triggers = listOf(api, await goSquaredRequest(api, 'GET', webhookTriggersPath(registration.webhookId)));
	return sameTriggers(
		triggers.map((trigger) => triggerKey(trigger.trigger, trigger.value)),
		desired.triggers.map((wanted) => triggerKey(wanted.eventType.api, wanted.value)),
	);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	// Invalid events fail the activation before anything is sent.
	const desired = desiredConfig(this);
	const nodeUrl = nodeWebhookUrl(this);
	const kind: Registration['kind'] = this.getActivationMode() === 'manual' ? 'test' : 'production';
	const previous = Object.entries(registrationsOf(this));
	const secret = randomBytes(SECRET_BYTES).toString('hex');
	const api = apiOf(this, [secret, ...previous.map(([, registration]) => registration.secret)]);

	for (const [url, registration] of previous) {
		if (registration.kind !== kind && url !== nodeUrl) continue;
		await deleteAt(api, webhookPath(registration.webhookId), true);
		forget(this, url);
	}
	await deleteWebhooksPointingAt(api, nodeUrl);

	const webhook = objectOf(
		api,
		await goSquaredRequest(api, 'POST', WEBHOOKS_PATH, {
			url: withSecret(nodeUrl, secret),
			name: webhookName(this),
			include_unverified: desired.includeUnverified,
		}),
	);
	const webhookId = Number(webhook.id);
	if (!Number.isInteger(webhookId) || webhookId < 1) {
		throw new NodeOperationError(this.getNode(), 'GoSquared created the webhook but did not answer with its ID', {
			description: 'Delete the webhook pointing at this workflow in GoSquared, then activate the workflow again.',
		});
	}
	const registration: Registration = {
		kind,
		webhookId,
		secret,
		includeUnverified: desired.includeUnverified,
		triggers: [],
	};
	// Remembered before the triggers are added, so that a failure from here on can be undone.
	remember(this, nodeUrl, registration);
	try {
		for (const wanted of desired.triggers) {
			const created = objectOf(
				api,
				await goSquaredRequest(api, 'POST', webhookTriggersPath(webhookId), { trigger: wanted.eventType.api, value: wanted.value }),
			);
			registration.triggers.push({ id: Number(created.id), trigger: wanted.eventType.api, value: wanted.value });
		}
	} catch (error) {
		return await undoCreate(this, api, nodeUrl, webhookId, error);
	}
	remember(this, nodeUrl, registration);
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const nodeUrl = nodeWebhookUrl(this);
	const registration = registrationsOf(this)[nodeUrl];
	const api = apiOf(this, registration ? [registration.secret] : []);
	if (registration) await deleteAt(api, webhookPath(registration.webhookId), true);
	// Also what a lost static data or a crashed activation may have left behind.
	await deleteWebhooksPointingAt(api, nodeUrl);
	forget(this, nodeUrl);
	return true;
}

/**
 * The lifecycle's requests to GoSquared, in a session of their own, with the webhook secrets at
 * hand also hidden in any error: a GoSquared error may quote the URL that was sent, and activation
 * errors are shown and logged. The request layer builds every error with them hidden, so nothing
 * has to be cleaned afterwards.
 */
function apiOf(context: IHookFunctions, secrets: string[]): Api {
	return new Session(context, goSquaredService).api().hiding(secrets);
}

/**
 * The secrets a delivery may carry: those of this node's registrations of one kind. The production
 * webhook and the editor's test webhook each have their own secret, and each accepts only its own,
 * so that a secret seen while testing never opens the production URL, nor the reverse.
 */
export function storedSecrets(context: IWebhookFunctions | IHookFunctions, kind: Registration['kind']): string[] {
	return Object.values(registrationsOf(context))
		.filter((registration) => registration.kind === kind)
		.map((registration) => registration.secret);
}

/** The configured events, checked; the first problem fails the activation with a clear message. */
export function desiredConfig(context: IHookFunctions): Desired {
	const node = Parameters.ofNode(context);
	const includeUnverified = node.boolean('includeUnverified', 'Include Unverified Visitors');
	const collection = node.value('events', {}) as { event?: unknown };
	const entries = Array.isArray(collection.event) ? collection.event : [];
	if (entries.length === 0) throw node.fail('Events', 'needs at least one event', 'Add the GoSquared events that should start this workflow.');
	const seen = new Set<string>();
	const triggers = entries.map((entry: unknown, index): DesiredTrigger => {
		const fields = isPlainObject(entry) ? entry : {};
		const read = readEvent(fields.type, (name) => fields[name]);
		if ('problem' in read) {
			throw read.eventType
				? node.fail(read.field, `of event ${index + 1} (${read.eventType.name}) ${read.problem}`)
				: node.fail('Event', `${index + 1} is not a GoSquared event: ${shown(fields.type)}`);
		}
		const { eventType } = read;
		const value = read.value ?? '';
		const key = triggerKey(eventType.api, value);
		if (seen.has(key)) {
			throw node.fail('Events', `lists ${eventType.name}${value === '' ? '' : ` ${value}`} twice`, 'Each event (with its threshold or Smart Group) can be listed once.');
		}
		seen.add(key);
		return { eventType, value };
	});
	return { triggers, includeUnverified };
}

/** The events of the webhook triggers registered at GoSquared for one kind of webhook. */
export function registeredEvents(context: IWebhookFunctions, kind: Registration['kind']): Set<GoSquaredEvent> {
	const registered = new Set<GoSquaredEvent>();
	for (const registration of Object.values(registrationsOf(context))) {
		if (registration.kind !== kind) continue;
		for (const trigger of registration.triggers) registered.add(trigger.trigger);
	}
	return registered;
}

/** The selected events, by GoSquared name, for judging deliveries; no validation here. */
export function selectedEvents(context: IWebhookFunctions): Set<GoSquaredEvent> {
	const collection = context.getNodeParameter('events', {}) as { event?: unknown };
	const entries = Array.isArray(collection.event) ? collection.event : [];
	const selected = new Set<GoSquaredEvent>();
	for (const entry of entries) {
		const eventType = isPlainObject(entry) ? eventTypeByOption(entry.type) : undefined;
		if (eventType) selected.add(eventType.api);
	}
	return selected;
}

function nodeWebhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this node');
	}
	return url;
}

function webhookName(context: IHookFunctions): string {
	const workflow = context.getWorkflow();
	return `n8n: ${workflow.name ?? workflow.id ?? 'workflow'} / ${context.getNode().name}`.slice(0, 120);
}

function withSecret(nodeUrl: string, secret: string): string {
	const url = new URL(nodeUrl);
	url.searchParams.set(SECRET_PARAMETER, secret);
	return url.toString();
}

/** Scheme, host and path, without query or trailing slash: what identifies the node's endpoint. */
function endpointOf(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	try {
		const url = new URL(value);
		return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
	} catch {
		return undefined;
	}
}

function pointsAt(registeredUrl: unknown, nodeUrl: string, secret: string): boolean {
	if (typeof registeredUrl !== 'string' || endpointOf(registeredUrl) !== endpointOf(nodeUrl)) return false;
	return new URL(registeredUrl).searchParams.get(SECRET_PARAMETER) === secret;
}

function triggerKey(trigger: unknown, value: unknown): string {
	return `${String(trigger)}\u0000${value === undefined || value === null ? '' : String(value)}`;
}

function sameTriggers(actual: string[], wanted: string[]): boolean {
	return actual.length === wanted.length && [...actual].sort().join('\u0001') === [...wanted].sort().join('\u0001');
}

async function deleteWebhooksPointingAt(api: Api, nodeUrl: string): Promise<void> {
	const endpoint = endpointOf(nodeUrl);
	const webhooks = listOf(api, await goSquaredRequest(api, 'GET', WEBHOOKS_PATH));
	for (const webhook of webhooks) {
		const id = Number(webhook.id);
		if (endpointOf(webhook.url) === endpoint && Number.isInteger(id)) await deleteAt(api, webhookPath(id), true);
	}
}

/** Removes the webhook whose triggers could not all be added, then fails with the first error. */
async function undoCreate(
	context: IHookFunctions,
	api: Api,
	nodeUrl: string,
	webhookId: number,
	cause: unknown,
): Promise<never> {
	const failure = nodeErrorOf(context.getNode(), cause);
	try {
		await deleteAt(api, webhookPath(webhookId), true);
		forget(context, nodeUrl);
	} catch (cleanupError) {
		// The registration stays in static data, and the webhook points at this node's URL, so the
		// next activation or deactivation removes it.
		throw withMoreDescription(
			context.getNode(),
			failure,
			`The half-created webhook ${webhookId} could not be removed (${(cleanupError as Error).message}); it is removed at the next activation or deactivation.`,
		);
	}
	throw failure;
}

function registrationsOf(context: IHookFunctions | IWebhookFunctions): Record<string, Registration> {
	const stored = context.getWorkflowStaticData('node').registrations;
	const registrations: Record<string, Registration> = {};
	if (!isPlainObject(stored)) return registrations;
	for (const [url, value] of Object.entries(stored)) {
		if (
			isPlainObject(value) &&
			Number.isInteger(value.webhookId) &&
			typeof value.secret === 'string' &&
			(value.kind === 'production' || value.kind === 'test')
		) {
			registrations[url] = {
				kind: value.kind,
				webhookId: value.webhookId as number,
				secret: value.secret,
				includeUnverified: value.includeUnverified === true,
				triggers: Array.isArray(value.triggers) ? (value.triggers as Registration['triggers']) : [],
			};
		}
	}
	return registrations;
}

/**
 * Static data is saved by n8n only when it sees a change, and it sees changes to the top-level
 * object it handed out: so the whole map is replaced on every change.
 */
function saveRegistrations(context: IHookFunctions, registrations: Record<string, Registration>): void {
	const data = context.getWorkflowStaticData('node');
	if (Object.keys(registrations).length === 0) {
		delete data.registrations;
	} else {
		data.registrations = JSON.parse(JSON.stringify(registrations)) as IDataObject;
	}
}

function remember(context: IHookFunctions, nodeUrl: string, registration: Registration): void {
	saveRegistrations(context, { ...registrationsOf(context), [nodeUrl]: registration });
}

function forget(context: IHookFunctions, nodeUrl: string): void {
	const registrations = registrationsOf(context);
	if (!(nodeUrl in registrations)) return;
	delete registrations[nodeUrl];
	saveRegistrations(context, registrations);
}
