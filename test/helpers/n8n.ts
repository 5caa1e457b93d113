/**
 * Runs real workflow executions through n8n-core's `WorkflowExecute`, with this package's built
 * node and credential classes (loaded from `dist/` through package.json's `n8n` block, as n8n
 * loads a community package) and a credentials helper that authenticates requests the way n8n's
 * own does.
 */
import { readFileSync } from 'fs';
import path from 'path';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Logger,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	LoggerProxy,
	Workflow,
} from 'n8n-workflow';

export const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};
export const PACKAGE_NAME = pkg.name;

/** Loads every class that package.json's `n8n` block lists, from the build output. */
function loadPackage() {
	const nodes = new Map<string, INodeType>();
	for (const file of pkg.n8n.nodes) {
		const exported = require(path.join(ROOT, file)) as Record<string, new () => INodeType>;
		for (const NodeClass of Object.values(exported)) {
			const node = new NodeClass();
			nodes.set(`${PACKAGE_NAME}.${node.description.name}`, node);
		}
	}
	const credentials = new Map<string, ICredentialType>();
	for (const file of pkg.n8n.credentials) {
		const exported = require(path.join(ROOT, file)) as Record<string, new () => ICredentialType>;
		for (const CredentialClass of Object.values(exported)) {
			const credential = new CredentialClass();
			credentials.set(credential.name, credential);
		}
	}
	return { nodes, credentials };
}

/**
 * Test doubles of n8n's own trigger nodes, which pass their input through: the harness puts the
 * test's input items on the execution stack, as n8n's own node test harness does. (The real
 * triggers run in the end-to-end tests, inside real n8n.)
 */
const passThroughTrigger = (name: string): INodeType => ({
	description: {
		displayName: name,
		name,
		group: ['trigger'],
		version: [1, 1.1, 1.2],
		description: `Test double of n8n-nodes-base.${name}`,
		defaults: { name },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [this.getInputData()];
	},
});
const builtInDoubles = new Map(
	['manualTrigger', 'scheduleTrigger'].map((name) => [`n8n-nodes-base.${name}`, passThroughTrigger(name)]),
);

export const loaded = loadPackage();

/** Node types from outside this package, e.g. n8n's own HTTP Request node for the benchmark. */
const registeredNodeTypes = new Map<string, INodeType | IVersionedNodeType>();

/** Makes `type` (e.g. `n8n-nodes-base.httpRequest`) runnable in these executions. */
export function registerNodeType(type: string, nodeType: INodeType | IVersionedNodeType): void {
	registeredNodeTypes.set(type, nodeType);
}

/**
 * The node types n8n knows: this package's, the types registered with `registerNodeType`, and with
 * `doubles` the test doubles of n8n's own triggers.
 */
function nodeTypesOf(doubles: Map<string, INodeType>): INodeTypes {
	return {
		getByName(type: string): INodeType | IVersionedNodeType {
			return registeredNodeTypes.get(type) ?? this.getByNameAndVersion(type);
		},
		getByNameAndVersion(type: string, version?: number): INodeType {
			const registered = registeredNodeTypes.get(type);
			if (registered) return 'nodeVersions' in registered ? registered.getNodeType(version) : registered;
			const node = doubles.get(type) ?? loaded.nodes.get(type);
			if (!node) throw new Error(`Unknown node type ${type}`);
			return node;
		},
		getKnownTypes() {
			return {};
		},
	};
}

const nodeTypes = nodeTypesOf(builtInDoubles);

/** This package's node types only: for the trigger, poll and list-search harnesses. */
export const packageNodeTypes = nodeTypesOf(new Map());

/** Resolves a credential expression such as `=Bearer {{$credentials.token}}`, as n8n does. */
function resolveValue(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow | undefined,
	node: INode | undefined,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	if (!workflow || !node) throw new Error('expression without a workflow');
	return workflow.expression.getParameterValue(
		value,
		null,
		0,
		0,
		node.name,
		[],
		'internal',
		{ $credentials: credentials },
		undefined,
		false,
	);
}

/** The credential part of n8n: decrypted data by type, and `authenticate` applied to requests. */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** How often each credential type was read (decrypted), as n8n reads it from its database. */
	readonly reads: Record<string, number> = {};

	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = loaded.credentials.get(typeName);
		if (!type?.authenticate) return requestOptions;
		if (typeof type.authenticate === 'function') {
			return await type.authenticate(credentials, requestOptions);
		}
		const updated = { ...requestOptions } as IHttpRequestOptions & Record<string, IDataObject>;
		for (const [outerKey, entries] of Object.entries(type.authenticate.properties)) {
			const target = { ...((updated[outerKey] as IDataObject | undefined) ?? {}) };
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				const resolvedKey = String(resolveValue(key, credentials, workflow, node));
				target[resolvedKey] = resolveValue(value, credentials, workflow, node) as IDataObject[string];
			}
			updated[outerKey] = target;
		}
		return updated;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, _type: string): Promise<ICredentials> {
		throw new Error('not used by these nodes');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		this.reads[type] = (this.reads[type] ?? 0) + 1;
		// n8n hands nodes a fresh copy with the defaults of unset fields filled in.
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			defaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return { ...defaults, ...structuredClone(data) };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return loaded.credentials.get(type)?.properties ?? [];
	}
}

/**
 * Runs `work` with the logger n8n-core hands nodes as `this.logger` (its DI container's Logger,
 * resolved from n8n-core's own dependencies) replaced by a recorder, and returns every call, as
 * `[level, message, meta]`. The real logger is put back afterwards.
 */
export async function recordNodeLogs(work: () => Promise<void>): Promise<unknown[][]> {
	const core = path.dirname(require.resolve('n8n-core'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require(require.resolve('@n8n/di', { paths: [core] })) as {
		Container: { get(type: unknown): unknown; set(type: unknown, instance: unknown): void };
	};
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger: LoggerClass } = require(require.resolve('@n8n/backend-common', { paths: [core] })) as { Logger: unknown };
	const original = Container.get(LoggerClass);
	const calls: unknown[][] = [];
	Container.set(
		LoggerClass,
		recordingLogger((level, args) => calls.push([level, ...args])),
	);
	try {
		await work();
	} finally {
		Container.set(LoggerClass, original);
	}
	return calls;
}

/** A logger whose every call, at every level, goes to `record`. */
function recordingLogger(record: (level: string, args: unknown[]) => void): Logger {
	const levels = ['error', 'warn', 'info', 'debug'].map((level) => [level, (...args: unknown[]) => record(level, args)]);
	const logger = { ...Object.fromEntries(levels), scoped: () => logger } as unknown as Logger;
	return logger;
}

/** Everything logged through n8n's logger during the tests, for the redaction proof. */
export const logLines: string[] = [];
LoggerProxy.init(
	recordingLogger((level, [message, meta = {}]) => {
		let metaText: string;
		try {
			metaText = JSON.stringify(meta);
		} catch {
			metaText = String(meta);
		}
		logLines.push(`${level} ${String(message)} ${metaText}`);
	}),
);

export interface RunOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Items the trigger passes on; one empty item by default. */
	input?: IDataObject[];
	/** The trigger to start from, when the workflow has several (by default the first one). */
	startAt?: string;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node (first output, first run). */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node stopped with, if any. */
	error(nodeName: string): (Error & IDataObject) | undefined;
	/** How often each credential type was read during the run. */
	credentialReads: Record<string, number>;
}

/** Reads a workflow JSON file from test/workflows. */
export function workflowFile(name: string): IWorkflowBase {
	return JSON.parse(readFileSync(path.join(ROOT, 'test', 'workflows', name), 'utf8')) as IWorkflowBase;
}

/** A copy of `workflow` with some parameters of one node replaced. */
export function withParameters(
	workflow: IWorkflowBase,
	nodeName: string,
	parameters: IDataObject,
): IWorkflowBase {
	const copy = structuredClone(workflow);
	const node = copy.nodes.find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`No node ${nodeName}`);
	node.parameters = { ...node.parameters, ...parameters } as INode['parameters'];
	return copy;
}

/**
 * What n8n hands every node execution besides the workflow: the credentials helper, the instance's
 * URLs under `base`, and stubs for what these nodes never use (sub-workflows, task runners).
 */
export function testAdditionalData(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	base: string,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('task runners are not used in these tests');
		},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Executes a workflow from its trigger, like a manual run in the editor. */
export async function runWorkflow(workflowData: IWorkflowBase, options: RunOptions): Promise<RunResult> {
	const workflow = new Workflow({
		id: workflowData.id ?? 'test-workflow',
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		nodeTypes,
		settings: workflowData.settings,
		active: false,
		staticData: workflowData.staticData,
	});
	// The trigger: the one node nothing connects into.
	const targets = new Set(
		Object.values(workflowData.connections).flatMap((outputs) =>
			Object.values(outputs).flatMap((lists) => lists.flatMap((list) => (list ?? []).map((c) => c.node))),
		),
	);
	const trigger = workflowData.nodes.find((node) => !targets.has(node.name) && (options.startAt === undefined || node.name === options.startAt));
	if (!trigger) throw new Error('workflow has no start node');

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finished(fullRunData));

	const additionalData = testAdditionalData(options.credentials, 'http://127.0.0.1', {
		hooks,
		executionId: 'test-execution',
	});

	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: trigger,
					data: { main: [(options.input ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await done;

	return {
		run,
		credentialReads: (additionalData.credentialsHelper as TestCredentialsHelper).reads,
		output(nodeName) {
			const taskData = run.data.resultData.runData[nodeName]?.[0];
			if (!taskData) throw new Error(`Node ${nodeName} did not run`);
			return taskData.data?.main?.[0] ?? [];
		},
		error(nodeName) {
			return run.data.resultData.runData[nodeName]?.[0]?.error as (Error & IDataObject) | undefined;
		},
	};
}
