/**
 * An operation on its own, without n8n and without a server: `prepare(item)` is handed the
 * parameters of one item built from a plain object (`itemParameters`), and its `send(api)` a
 * recording `Api` that answers each request with a given response and sends nothing
 * (`RecordingApi`). What the item loop and the request layer add (order, retries, errors of the
 * wire) is tested by the real-traffic tests beside these.
 */
import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Prepare, Prepared } from '../../nodes/shared/itemLoop';
import { Api, Session, type ApiResponse, type Headers, type RequestSpec, type ServiceDefinition } from '../../nodes/shared/request';
import { hasOwn, Parameters } from '../../nodes/shared/validation';

/** The node every item here belongs to. */
export const TEST_NODE: INode = {
	id: 'prepare-test-node',
	name: 'Operation Under Test',
	type: 'n8n-nodes-callgoose-ccai-gosquared.operationUnderTest',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * The value at a dotted name (`options.failIfNothingMatched`), as n8n's `getNodeParameter` finds it
 * in the node's parameters (lodash `get`, own keys only): undefined when any step is missing.
 */
function valueAt(values: IDataObject, name: string): unknown {
	let current: unknown = values;
	for (const step of name.split('.')) {
		if (current === null || typeof current !== 'object' || !hasOwn(current, step)) return undefined;
		current = (current as IDataObject)[step];
	}
	return current;
}

/** A resource locator's value (`{ __rl: true, mode, value }`) when `extractValue` asks for it, as n8n gives it. */
function extracted(value: unknown): unknown {
	const isLocator = value !== null && typeof value === 'object' && (value as IDataObject).__rl === true;
	return isLocator ? (value as IDataObject).value : value;
}

/**
 * The context of item `itemIndex` of an execution whose node parameters are `values` (expressions
 * already resolved): its `getNodeParameter` resolves dotted names and falls back as n8n's does.
 * Reading another item's parameters is a test failure.
 */
export function itemContext(values: IDataObject, itemIndex = 0, { timeZone = 'UTC' } = {}): IExecuteFunctions {
	const context: Pick<IExecuteFunctions, 'getNode' | 'getTimezone'> & {
		getNodeParameter(name: string, index: number, fallback?: unknown, options?: IGetNodeParameterOptions): unknown;
	} = {
		getNode: () => TEST_NODE,
		getTimezone: () => timeZone,
		getNodeParameter(name, index, fallback, options) {
			if (index !== itemIndex) throw new Error(`read "${name}" of item ${index}, not of item ${itemIndex}`);
			const value = valueAt(values, name);
			if (value === undefined) return fallback;
			return options?.extractValue ? extracted(value) : value;
		},
	};
	return context as unknown as IExecuteFunctions;
}

/** The parameters of item `itemIndex`, from `values`, read through `Parameters.ofItem` (see `itemContext`). */
export function itemParameters(values: IDataObject, itemIndex = 0, options: { timeZone?: string } = {}): Parameters {
	return Parameters.ofItem(itemContext(values, itemIndex, options), itemIndex);
}

/**
 * `prepare(item, context)` for item `itemIndex`, for an operation whose `prepare` is typed as the
 * router's `Prepare` (it is handed the context too).
 */
export function preparing(prepare: Prepare, values: IDataObject, itemIndex = 0): Prepared {
	const context = itemContext(values, itemIndex);
	return prepare(Parameters.ofItem(context, itemIndex), context);
}

/**
 * What `run` refused with: the message and item of the error it threw, which must be a
 * `NodeOperationError` (the named-field error of `Parameters.fail`).
 */
export function refusal(run: () => unknown): { message: string; itemIndex: unknown } {
	let thrown: unknown;
	try {
		run();
	} catch (error) {
		thrown = error;
	}
	if (!(thrown instanceof NodeOperationError)) {
		throw new Error(`expected a NodeOperationError, got ${thrown === undefined ? 'no error' : String(thrown)}`);
	}
	return { message: thrown.message, itemIndex: thrown.context.itemIndex };
}

/** An answer of the request layer: status 200 and no headers unless given. */
export function answer<T>(body: T, statusCode = 200, headers: Headers = {}): ApiResponse<T> {
	return { statusCode, headers, body };
}

/** One answer, or a function of the request that gives it. */
export type Answer = ApiResponse | ((spec: RequestSpec) => ApiResponse);

/**
 * The requests of one item, recorded instead of sent: each `request(spec)` is kept in `requests`
 * and answered with the next of `answers`, in order; a request beyond them fails the test. The
 * rest is the real `Api` of `service` (its `error` and `unexpectedAnswer`), so that the errors an
 * operation makes of an answer are the ones users see.
 */
export class RecordingApi extends Api {
	readonly requests: RequestSpec[] = [];

	private readonly answers: Answer[];

	constructor(service: ServiceDefinition, answers: Answer | Answer[], itemIndex = 0) {
		const context = { getNode: () => TEST_NODE };
		super(new Session(context as unknown as IExecuteFunctions, service), TEST_NODE, itemIndex, 30_000);
		this.answers = Array.isArray(answers) ? [...answers] : [answers];
	}

	override async request<T = unknown>(spec: RequestSpec): Promise<ApiResponse<T>> {
		this.requests.push(spec);
		const next = this.answers.shift();
		if (next === undefined) throw new Error(`no answer given for request ${this.requests.length}: ${spec.method} ${spec.path}`);
		return (typeof next === 'function' ? next(spec) : next) as ApiResponse<T>;
	}
}

/**
 * Sends a prepared item through a `RecordingApi` of `service` that gives `answers`: what the item
 * outputs, and the requests it made.
 */
export async function sendPrepared(
	prepared: Prepared,
	service: ServiceDefinition,
	answers: Answer | Answer[],
	itemIndex = 0,
): Promise<{ output: IDataObject | IDataObject[]; requests: RequestSpec[] }> {
	const api = new RecordingApi(service, answers, itemIndex);
	const output = await prepared.send(api);
	return { output, requests: api.requests };
}
