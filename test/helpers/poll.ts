/**
 * Runs a polling trigger node the way n8n runs it (n8n 2.41 with its default settings, and 1.x
 * alike), with n8n-core's own PollContext and the package's BUILT node class:
 *
 * - Activation (ActiveWorkflowManager.add → ActiveWorkflowTriggers.activatePollTrigger): a
 *   Workflow is built from the stored workflow, its static data included, and one PollContext for
 *   as long as the workflow stays active. The first poll runs at once; its error fails the
 *   activation, its result starts an execution. Then the static data is saved if it changed.
 * - Each scheduled poll runs on that same Workflow and context. A result (not null) is emitted:
 *   the static data is saved, and the execution starts. Null saves nothing: the change stays in
 *   memory until the next emit. An error is reported (an error execution), and saves nothing.
 * - A restart drops the Workflow and its context; the next activation reads the stored workflow.
 * - "Fetch Test Event" is a manual run in a fresh Workflow; its static data is never saved.
 */
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IWorkflowBase,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { packageNodeTypes, testAdditionalData } from './n8n';

export interface PollOutcome {
	/** The items emitted (an execution started with them), or null when the poll returned null. */
	items: IDataObject[] | null;
	/** The error the poll failed with, if it did. */
	error?: Error;
}

export class PollHarness {
	readonly stored: IWorkflowBase;

	private live?: { workflow: Workflow; context: PollContext };

	/** Every item emitted so far, in order, across polls and restarts. */
	readonly emitted: IDataObject[] = [];

	/** How often the static data was written to "the database". */
	saves = 0;

	constructor(
		workflow: IWorkflowBase,
		private readonly nodeName: string,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		this.stored = structuredClone(workflow);
		this.stored.staticData ??= {};
	}

	/** The node's static data as stored. */
	get staticData(): IDataObject {
		return ((this.stored.staticData ?? {}) as IDataObject)[`node:${this.nodeName}`] as IDataObject;
	}

	private node(workflow: Workflow): INode {
		const node = workflow.getNode(this.nodeName);
		if (!node) throw new Error(`no node ${this.nodeName}`);
		return node;
	}

	private load(): Workflow {
		return new Workflow({
			id: this.stored.id ?? 'poll-workflow',
			name: this.stored.name,
			nodes: structuredClone(this.stored.nodes),
			connections: this.stored.connections,
			nodeTypes: packageNodeTypes,
			settings: this.stored.settings,
			active: true,
			staticData: JSON.parse(JSON.stringify(this.stored.staticData ?? {})) as IDataObject,
		});
	}

	private context(workflow: Workflow, mode: WorkflowExecuteMode, activation: WorkflowActivateMode): PollContext {
		const noop = () => {};
		return new PollContext(
			workflow,
			this.node(workflow),
			testAdditionalData(this.credentials, 'http://127.0.0.1', { executionId: 'poll-harness' }),
			mode,
			activation,
			noop,
			noop,
		);
	}

	/** n8n's WorkflowStaticDataService.saveStaticData: only when the static data changed. */
	private save(workflow: Workflow): void {
		const data = workflow.staticData as IDataObject;
		if (data.__dataChanged !== true) return;
		data.__dataChanged = false;
		this.stored.staticData = JSON.parse(JSON.stringify(data)) as IDataObject;
		delete (this.stored.staticData as IDataObject).__dataChanged;
		this.saves++;
	}

	private async run(workflow: Workflow, context: PollContext): Promise<INodeExecutionData[][] | null> {
		const type = packageNodeTypes.getByNameAndVersion(this.node(workflow).type);
		if (!type.poll) throw new Error('not a polling node');
		return await type.poll.call(context);
	}

	private emit(workflow: Workflow, result: INodeExecutionData[][] | null): IDataObject[] | null {
		if (result === null) return null;
		this.save(workflow);
		const items = (result[0] ?? []).map((item) => item.json);
		this.emitted.push(...items);
		return items;
	}

	/** Activates the workflow: the first poll, then the static data saved. Throws when activation fails. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<IDataObject[] | null> {
		const workflow = this.load();
		const context = this.context(workflow, 'trigger', activation);
		const result = await this.run(workflow, context);
		const items = this.emit(workflow, result);
		this.save(workflow);
		this.live = { workflow, context };
		return items;
	}

	/** One scheduled poll of the active workflow. */
	async poll(): Promise<PollOutcome> {
		if (!this.live) throw new Error('activate() first');
		const { workflow, context } = this.live;
		try {
			return { items: this.emit(workflow, await this.run(workflow, context)) };
		} catch (error) {
			return { items: null, error: error as Error };
		}
	}

	/** n8n stops (nothing more is saved) and starts again: the workflow is activated anew. */
	async restart(): Promise<IDataObject[] | null> {
		this.live = undefined;
		return await this.activate('init');
	}

	deactivate(): void {
		this.live = undefined;
	}

	/** "Fetch Test Event" in the editor. */
	async fetchTestEvent(): Promise<IDataObject[]> {
		const workflow = this.load();
		const result = await this.run(workflow, this.context(workflow, 'manual', 'manual'));
		return (result?.[0] ?? []).map((item) => item.json);
	}
}
