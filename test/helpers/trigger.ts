/**
 * Runs a webhook trigger node the way n8n runs it, with n8n-core's own HookContext and
 * WebhookContext, for the package's BUILT node classes:
 *
 * - Activation (ActiveWorkflowManager.add → WebhookService.createWebhookIfNotExists): a Workflow
 *   is built from the stored workflow (its static data included), `checkExists` runs, and
 *   `create` only when it answers false, each in a fresh HookContext (mode "trigger"); then the
 *   static data is saved if it changed. When activation fails, n8n removes the webhooks again
 *   (clearWebhooks) and the error is thrown.
 * - Deactivation (clearWebhooks): a Workflow from the stored one, `delete` with mode "internal"
 *   and activation "update", static data saved.
 * - "Listen for test event" (TestWebhooks): the same with the test URL, mode and activation
 *   "manual"; the static data lives in memory only, as n8n keeps it in its test registration.
 * - Deliveries: a real HTTP server on loopback plays n8n's webhook server. It parses the request
 *   as n8n does (rawBody, body parsed for application/json, query), calls the node's `webhook()`
 *   in a WebhookContext (mode "webhook"), answers as n8n answers (the node's own response when it
 *   says `noWebhookResponse`, `webhookResponse` or "Webhook call received" when it returns no
 *   workflow data, "Workflow was started" otherwise), and runs the workflow with the returned
 *   items through WorkflowExecute.
 */
import http from 'http';
import querystring from 'querystring';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { loaded, packageNodeTypes, runWorkflow, testAdditionalData, type RunResult } from './n8n';

/** n8n's default limit on request bodies (N8N_PAYLOAD_SIZE_MAX, 16 MiB). */
const N8N_PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

export interface ReceivedCall {
	path: string;
	query: Record<string, unknown>;
	test: boolean;
	status: number;
	/** What was answered, parsed when it is JSON. */
	response: unknown;
	/** What the node's webhook() returned; undefined when n8n answered before calling it. */
	result?: IWebhookResponseData;
	/** The execution the call started, if any. */
	execution?: RunResult;
	error?: Error;
}

export interface TriggerHarnessOptions {
	workflow: IWorkflowBase;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/**
	 * The instance's base URL as n8n would advertise it (WEBHOOK_URL). Defaults to this harness's
	 * own HTTP server, so that a service can really deliver to the registered URL.
	 */
	publicBaseUrl?: string;
	/**
	 * Whether n8n's body parser runs before the node (it does for every webhook). Off, the raw
	 * body reaches the node unparsed, as behind a proxy or parser that let a malformed body by.
	 */
	parseBody?: boolean;
}

export class TriggerHarness {
	/** The stored workflow: what n8n keeps in its database (static data included). */
	readonly stored: IWorkflowBase;

	/** Static data of the running test webhook, kept in memory as n8n's test registration does. */
	private testStaticData: IDataObject | undefined;

	readonly calls: ReceivedCall[] = [];

	private readonly pending = new Set<Promise<void>>();

	private server: http.Server | undefined;

	private serverUrl = '';

	constructor(private readonly options: TriggerHarnessOptions) {
		this.stored = structuredClone(options.workflow);
		this.stored.staticData ??= {};
	}

	/** The trigger node (the one with webhook methods). */
	get node(): INode {
		const node = this.stored.nodes.find((candidate) => {
			const type = loaded.nodes.get(candidate.type);
			return type?.webhookMethods !== undefined;
		});
		if (!node) throw new Error('the workflow has no webhook trigger node');
		return node;
	}

	get nodeType(): INodeType {
		return packageNodeTypes.getByNameAndVersion(this.node.type) as INodeType;
	}

	/** The node's static data as stored. */
	get staticData(): IDataObject {
		return ((this.stored.staticData as IDataObject | undefined)?.[`node:${this.node.name}`] ?? {}) as IDataObject;
	}

	/** Changes node parameters and saves the workflow, as a user editing it in the editor. */
	setParameters(parameters: IDataObject): void {
		const node = this.stored.nodes.find((candidate) => candidate.name === this.node.name)!;
		node.parameters = { ...node.parameters, ...parameters } as INode['parameters'];
	}

	/** Forgets the stored static data, as after a restore from an old backup. */
	loseStaticData(): void {
		this.stored.staticData = {};
	}

	async start(): Promise<void> {
		const server = http.createServer((req, res) => {
			const handling = this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ message: error.message }));
				}
			});
			this.pending.add(handling);
			void handling.finally(() => this.pending.delete(handling));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		this.server = server;
		this.serverUrl = `http://127.0.0.1:${port}`;
	}

	async close(): Promise<void> {
		await this.idle();
		await new Promise<void>((resolve) => {
			if (!this.server) return resolve();
			this.server.closeAllConnections();
			this.server.close(() => resolve());
		});
	}

	/** Waits until every delivery received so far has been answered and its execution finished. */
	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	private get baseUrl(): string {
		const base = this.options.publicBaseUrl ?? this.serverUrl;
		if (!base) throw new Error('start() the harness, or give publicBaseUrl');
		return base;
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return testAdditionalData(this.options.credentials, this.baseUrl, { executionId: 'trigger-harness', ...extra });
	}

	/** A Workflow built from the stored one, as n8n builds it from its database for each step. */
	private load(staticData?: IDataObject): Workflow {
		return new Workflow({
			id: this.stored.id,
			name: this.stored.name,
			nodes: structuredClone(this.stored.nodes),
			connections: this.stored.connections,
			nodeTypes: packageNodeTypes,
			settings: this.stored.settings,
			active: true,
			staticData: JSON.parse(JSON.stringify(staticData ?? this.stored.staticData ?? {})) as IDataObject,
		});
	}

	/** n8n's WorkflowStaticDataService.saveStaticData: only when the static data changed. */
	private save(workflow: Workflow): void {
		if ((workflow.staticData as IDataObject).__dataChanged === true) {
			this.stored.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
	}

	private webhookData(workflow: Workflow, additionalData: IWorkflowExecuteAdditionalData, isTest: boolean): IWebhookData {
		const node = workflow.getNode(this.node.name)!;
		const [description] = this.nodeType.description.webhooks ?? [];
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: node.name,
			path: `${node.webhookId}/${String(description.path)}`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			isTest,
		};
	}

	private async runMethod(
		method: 'checkExists' | 'create' | 'delete',
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		isTest = false,
	): Promise<boolean | undefined> {
		const additionalData = this.additionalData();
		const webhookData = this.webhookData(workflow, additionalData, isTest);
		const fn = this.nodeType.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`no webhook method ${method}`);
		const node = workflow.getNode(this.node.name)!;
		const context = new HookContext(workflow, node, additionalData, mode, activation, webhookData);
		return await fn.call(context);
	}

	/** The production URL n8n gives the node (`getNodeWebhookUrl('default')`). */
	productionUrl(): string {
		return `${this.baseUrl}/webhook/${this.node.webhookId}/webhook`;
	}

	testUrl(): string {
		return `${this.baseUrl}/webhook-test/${this.node.webhookId}/webhook`;
	}

	/** Activates the workflow as n8n does. Resolves with whether checkExists found the webhook. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<{ existed: boolean }> {
		const workflow = this.load();
		let existed = false;
		try {
			existed = (await this.runMethod('checkExists', workflow, 'trigger', activation)) === true;
			if (!existed) await this.runMethod('create', workflow, 'trigger', activation);
		} catch (error) {
			// n8n removes the workflow's webhooks, with the static data it has stored, and rethrows.
			await this.deactivate().catch(() => undefined);
			throw error;
		}
		this.save(workflow);
		return { existed };
	}

	/** Deactivates the workflow as n8n does (clearWebhooks). */
	async deactivate(): Promise<void> {
		const workflow = this.load();
		await this.runMethod('delete', workflow, 'internal', 'update');
		this.save(workflow);
	}

	/** One webhook method alone, on a Workflow loaded from storage and saved after. */
	async call(method: 'checkExists' | 'create' | 'delete'): Promise<boolean | undefined> {
		const workflow = this.load();
		const [mode, activation]: [WorkflowExecuteMode, WorkflowActivateMode] =
			method === 'delete' ? ['internal', 'update'] : ['trigger', 'activate'];
		const result = await this.runMethod(method, workflow, mode, activation);
		this.save(workflow);
		return result;
	}

	/** "Listen for test event" in the editor. */
	async listenForTestEvent(): Promise<void> {
		const workflow = this.load();
		const exists = await this.runMethod('checkExists', workflow, 'manual', 'manual', true);
		if (!exists) await this.runMethod('create', workflow, 'manual', 'manual', true);
		this.testStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	}

	/** The test webhook's end: after the test event, a timeout, or a stop in the editor. */
	async stopListening(): Promise<void> {
		const workflow = this.load(this.testStaticData);
		await this.runMethod('delete', workflow, 'internal', 'update', true);
		this.testStaticData = undefined;
	}

	/** Posts to the node's URL (or `url`), as a service would, and waits for the execution. */
	async post(
		url: string,
		{ body, headers = { 'content-type': 'application/json' } }: { body: unknown; headers?: Record<string, string> },
	): Promise<ReceivedCall> {
		const before = this.calls.length;
		await fetch(url, {
			method: 'POST',
			headers,
			body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
		});
		await this.idle();
		const call = this.calls[before];
		if (!call) throw new Error('the harness recorded no call');
		return call;
	}

	/** The production URL with a secret in its query string (the stored one by default). */
	deliveryUrl(secret: string | null = this.secrets()[0] ?? null, test = false): string {
		const url = new URL(test ? this.testUrl() : this.productionUrl());
		if (secret !== null) url.searchParams.set('secret', secret);
		return url.toString();
	}

	/** Secrets held in the stored static data (the trigger's registrations). */
	secrets(staticData: IDataObject = this.staticData): string[] {
		const registrations = (staticData.registrations ?? {}) as Record<string, { secret: string }>;
		return Object.values(registrations).map((registration) => registration.secret);
	}

	get testSecrets(): string[] {
		const data = (this.testStaticData?.[`node:${this.node.name}`] ?? {}) as IDataObject;
		return this.secrets(data);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.serverUrl);
		const rawBody = await readBody(req);
		const test = url.pathname === new URL(this.testUrl()).pathname;
		const production = url.pathname === new URL(this.productionUrl()).pathname;
		const query: Record<string, unknown> = {};
		for (const key of new Set(url.searchParams.keys())) {
			const values = url.searchParams.getAll(key);
			query[key] = values.length > 1 ? values : values[0];
		}
		const call: ReceivedCall = { path: url.pathname, query, test, status: 0, response: undefined };
		this.calls.push(call);
		// Whoever answers (n8n or the node itself), the answer is recorded.
		const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
		res.end = ((...args: unknown[]) => {
			const [chunk] = args;
			if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) {
				const text = chunk.toString();
				try {
					call.response = JSON.parse(text);
				} catch {
					call.response = text;
				}
			}
			return end(...args);
		}) as typeof res.end;
		const answer = (status: number, body: unknown) => {
			if (res.headersSent) return;
			res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify(body));
		};
		const finish = () => {
			call.status = res.statusCode;
		};

		if (!(test || production) || req.method !== 'POST' || (test && this.testStaticData === undefined)) {
			answer(404, { message: 'The requested webhook is not registered.' });
			return finish();
		}

		// Express and n8n's rawBodyReader/parseBody (n8n 2.41, middlewares/body-parser.js): rawBody
		// kept; JSON (after a byte-order mark is stripped), forms and text parsed by content type.
		const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		let body: unknown = {};
		if (this.options.parseBody !== false && rawBody.length > 0) {
			const text = rawBody.toString('utf8').replace(/^\ufeff/, '');
			try {
				if (contentType === 'application/json') body = JSON.parse(text);
				else if (contentType === 'application/x-www-form-urlencoded') body = querystring.parse(text);
				else if (contentType === 'text/plain') body = text;
			} catch {
				answer(422, { message: 'Failed to parse request body' });
				return finish();
			}
		}
		const request = Object.assign(req, { query, rawBody, body, contentType, params: {} });
		const response = Object.assign(res, {
			status(code: number) {
				res.statusCode = code;
				return response;
			},
			json(value: unknown) {
				answer(res.statusCode, value);
				return response;
			},
			send(value: unknown) {
				answer(res.statusCode, value);
				return response;
			},
		});

		const workflow = this.load(test ? this.testStaticData : undefined);
		if (test && this.testStaticData) workflow.setTestStaticData(this.testStaticData);
		const additionalData = this.additionalData({ httpRequest: request, httpResponse: response } as never);
		const webhookData = this.webhookData(workflow, additionalData, test);
		const node = workflow.getNode(this.node.name)!;
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			test ? 'manual' : 'webhook',
			webhookData,
			[],
			null,
		);
		let result: IWebhookResponseData;
		try {
			result = await this.nodeType.webhook!.call(context);
		} catch (error) {
			call.error = error as Error;
			answer(500, { message: 'Error in workflow' });
			return finish();
		}
		call.result = result;
		if (result.workflowData === undefined) {
			if (result.noWebhookResponse !== true) {
				answer(200, result.webhookResponse ?? { message: 'Webhook call received' });
			}
			return finish();
		}
		// responseMode "onReceived": answered at once, then the execution runs.
		answer(200, { message: 'Workflow was started' });
		finish();
		const items = (result.workflowData[0] ?? []).map((item: INodeExecutionData) => item.json);
		// A copy: n8n's Workflow wraps the static data it is given in place.
		const stored = JSON.parse(JSON.stringify(this.stored)) as IWorkflowBase;
		call.execution = await runWorkflow(stored, { credentials: this.options.credentials, input: items });
	}
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > N8N_PAYLOAD_SIZE_MAX) throw new Error('request entity too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}
