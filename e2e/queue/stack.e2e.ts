/**
 * The package in n8n's queue mode: PostgreSQL 17 (the npm registry's build) and Redis (Debian's
 * package), n8n main, two workers and a webhook processor on the pinned runtime, each n8n process with its own user folder
 * and the package installed there with `npm install`, as the README tells users. Steps run in
 * order against one stack. The figures the issue asks for are collected in `report`, printed at the
 * end and written to artifacts/queue/report.json.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import path from 'path';

import axios from 'axios';

import { startQueueStack } from '../../scripts/lib/queue-stack';
import { waitFor } from '../../scripts/lib/processes';
import { PROJECT_ROOT } from '../../scripts/lib/runtime';
import { credentials as packageCredentials, expectedCredentialTest, nodes as packageNodes, nodeType, PACKAGE } from '../helpers/package';
import { callBatch, callNumbers, everyActionNode } from './workflows';

type Stack = Awaited<ReturnType<typeof startQueueStack>>;
type Execution = { id: string; status: string; mode: string; startedAt: string; stoppedAt?: string };
type RunData = Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>;

const ARTIFACTS = path.join(PROJECT_ROOT, 'artifacts', 'queue');
const ROOT = path.join(PROJECT_ROOT, '.cache', 'queue-e2e', `run-${Date.now()}`);
const TERMINAL = (status: string) => !['new', 'running', 'waiting'].includes(status);
/**
 * What n8n 2.41 logs when it cannot vouch for its database (@n8n/db's postgres-version-policy and
 * db-connection): below 16 "Postgres 15 is not supported. …", on 16 "Postgres 16 is outside the
 * supported range …", both ending "Upgrade to Postgres 17 or newer."; or that it could not check.
 */
const POSTGRES_VERSION_WARNING = /Postgres \d+ is (?:not supported|outside the supported range)|Upgrade to Postgres|Could not check database version/;
/** The oldest PostgreSQL n8n 2.41 supports without a warning (its OLDEST_SUPPORTED_POSTGRES_MAJOR). */
const SUPPORTED_POSTGRES_MAJOR = 17;

jest.setTimeout(180_000);

let stack: Stack;
const report: Record<string, unknown> = {};

beforeAll(async () => {
	const started = Date.now();
	stack = await startQueueStack({ root: ROOT, activate: false, log: (line) => process.stdout.write(`${line}\n`) });
	report.stackStartSeconds = Math.round((Date.now() - started) / 1000);
}, 15 * 60_000);

afterAll(async () => {
	await stack?.stop();
	mkdirSync(ARTIFACTS, { recursive: true });
	writeFileSync(path.join(ARTIFACTS, 'report.json'), JSON.stringify(report, null, 2));
	process.stdout.write(`\nQueue-mode figures:\n${JSON.stringify(report, null, 2)}\n`);
	if (stack) {
		// Logs are kept for reading; the data folders go.
		mkdirSync(path.join(ARTIFACTS, 'logs'), { recursive: true });
		for (const entry of Object.values(stack.processes)) {
			writeFileSync(path.join(ARTIFACTS, 'logs', `${entry.name}.log`), readFileSync(entry.logFile));
		}
	}
	rmSync(ROOT, { recursive: true, force: true });
}, 120_000);

const ccai = () => stack.sandbox.services.ccai;
const gosquaredWebhooks = () => stack.sandbox.services.gosquared.webhooks;
const example = (file: string) => {
	const found = stack.provisioned.workflows.find((workflow) => workflow.file === file);
	if (!found) throw new Error(`example ${file} was not provisioned`);
	return found;
};
const runData = (execution: { data: unknown }) => (execution.data as { resultData: { runData: RunData } }).resultData.runData;
const outputOf = (execution: { data: unknown }, nodeName: string) =>
	runData(execution)[nodeName]?.[0]?.data?.main[0].map((item) => item.json);

/** Executions of a workflow that started after `since` (ms), once `count` of them have ended. */
async function finishedExecutions(workflowId: string, since: number, count: number, timeoutMs = 240_000): Promise<Execution[]> {
	return await waitFor(
		`${count} finished executions of workflow ${workflowId}`,
		async () => {
			const list = ((await stack.client.executions(workflowId)) as Execution[]).filter(
				(execution) => Date.parse(execution.startedAt) >= since - 1000,
			);
			return list.length >= count && list.every((execution) => TERMINAL(execution.status)) ? list : undefined;
		},
		timeoutMs,
		500,
	);
}

/**
 * Runs `once` (which runs one execution to its end and returns its id) until each worker has run
 * at least one: Redis hands queued jobs to the waiting workers in turn, so two runs usually do.
 */
async function onEveryWorker(once: () => Promise<string>): Promise<Record<string, string[]>> {
	const byWorker: Record<string, string[]> = Object.fromEntries(stack.workers.map((name) => [name, []]));
	for (let run = 0; run < 8 && Object.values(byWorker).some((ids) => ids.length === 0); run++) {
		const id = await once();
		const ran = stack.workersThatRan(id);
		expect(ran).toHaveLength(1);
		byWorker[ran[0]].push(id);
	}
	return byWorker;
}

/** The most items of `times` (ms, sorted) inside any window of `windowMs`. */
function busiestWindow(times: number[], windowMs = 1000): number {
	let most = 0;
	for (let last = 0, first = 0; last < times.length; last++) {
		while (times[last] - times[first] >= windowMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

describe('the package on every n8n process', () => {
	test('`npm install <tarball>` in each user folder adds exactly one package, and nothing else', () => {
		const expected = path.basename(stack.tarball);
		for (const entry of Object.values(stack.processes)) {
			// npm's report, and every package under node_modules (nested ones included).
			expect({ process: entry.name, npm: /^added \d+ packages?/m.exec(entry.install.output)?.[0], installed: entry.install.installed }).toEqual({
				process: entry.name,
				npm: 'added 1 package',
				installed: [PACKAGE.name],
			});
			const manifest = JSON.parse(readFileSync(path.join(entry.userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'));
			expect(manifest.dependencies[PACKAGE.name]).toMatch(new RegExp(`^file:.*${expected.replace(/\./g, '\\.')}$`));
		}
		report.installedOn = Object.keys(stack.processes);
	});

	test('main lists every node type and credential type of the package', async () => {
		const nodeTypes = (await stack.client.get('/types/nodes.json')) as Array<{ name: string; displayName: string }>;
		const credentialTypes = (await stack.client.get('/types/credentials.json')) as Array<{ name: string }>;
		expect(packageNodes.map((node) => nodeTypes.find((type) => type.name === nodeType(node))?.displayName)).toEqual(
			packageNodes.map((node) => node.description.displayName),
		);
		expect(packageCredentials.map((credential) => credentialTypes.some((type) => type.name === credential.name))).toEqual(
			packageCredentials.map(() => true),
		);
	});

	test('each worker runs every action node type with every credential', async () => {
		const workflow = await stack.client.post('/rest/workflows', everyActionNode(stack.provisioned.credentials));
		const byWorker = await onEveryWorker(async () => {
			const execution = await stack.client.runManually(workflow.id, 'Start', { timeoutMs: 120_000 });
			expect({ id: execution.id, status: execution.status }).toEqual({ id: execution.id, status: 'success' });
			expect(outputOf(execution, 'Callgoose')?.[0]).toMatchObject({ statusCode: expect.any(Number) });
			expect(outputOf(execution, 'CCAI Platform')?.[0]).toMatchObject({ call_id: 397 });
			expect(Object.keys(runData(execution))).toContain('GoSquared');
			return String(execution.id);
		});
		for (const worker of stack.workers) expect({ worker, ran: byWorker[worker].length > 0 }).toEqual({ worker, ran: true });
		report.everyNodeTypeRanOn = byWorker;
	});
});

describe("n8n's credential test, on main", () => {
	test('succeeds for each sandbox credential', async () => {
		for (const [type, credential] of Object.entries(stack.provisioned.credentials)) {
			expect({ type, ...(await stack.client.testCredential(credential.id)) }).toEqual({ type, ...expectedCredentialTest(type) });
		}
	});
});

describe('the example workflows', () => {
	const examples: Record<string, string> = {};
	test.each([
		['callgoose-incident-lifecycle.json', "When clicking 'Execute workflow'", 'Resolve incident'],
		['callgoose-scheduled-run-workflow.json', 'Every 15 minutes', 'Restart the stuck worker'],
		['ccai-customer-flags.json', "When clicking 'Execute workflow'", 'Read the flags back'],
	])('%s runs, and a worker, not main, ran it', async (file, trigger, lastNode) => {
		const execution = await stack.client.runManually(example(file).id, trigger, { timeoutMs: 120_000 });
		expect(execution.status).toBe('success');
		expect(outputOf(execution, lastNode)).toHaveLength(1);
		const ran = stack.workersThatRan(String(execution.id));
		expect(ran).toHaveLength(1);
		expect(stack.workers).toContain(ran[0]);
		expect(readFileSync(stack.processes.main.logFile, 'utf8')).not.toMatch(new RegExp(`started execution ${execution.id} \\(`));
		examples[file] = `${execution.status} on ${ran[0]} (execution ${execution.id})`;
		report.examples = examples;
	});
});

describe('the GoSquared Trigger, with deliveries through the webhook processor', () => {
	const chained = () => example('traffic-dip-incident-and-call.json');
	const webhookCounts: Record<string, number> = {};
	const webhookIds: number[] = [];
	const count = (step: string) => {
		webhookCounts[step] = gosquaredWebhooks().length;
		webhookIds.push(...gosquaredWebhooks().map((webhook) => webhook.id));
		report.webhooksRegistered = webhookCounts;
		return webhookCounts[step];
	};
	/** Fires a traffic dip; resolves with the id of the execution it started, once it ended. */
	const deliver = async () => {
		const since = Date.now();
		const before = new Set(((await stack.client.executions(chained().id)) as Execution[]).map((execution) => execution.id));
		const { data } = await axios.post(`${stack.sandbox.url}/_sandbox/gosquared/fire`, { event: 'traffic_dip' });
		expect(data.deliveries.map((delivery: { status: number }) => delivery.status)).toEqual([200]);
		const execution = await waitFor('the execution of the delivery', async () => {
			const list = (await stack.client.executions(chained().id)) as Execution[];
			return list.find((entry) => !before.has(entry.id) && Date.parse(entry.startedAt) >= since - 1000 && TERMINAL(entry.status));
		}, 60_000);
		expect({ mode: execution.mode, status: execution.status }).toEqual({ mode: 'webhook', status: 'success' });
		// The webhook processor took the delivery and queued the execution.
		expect(readFileSync(stack.processes['webhook-1'].logFile, 'utf8')).toMatch(new RegExp(`Enqueued execution ${execution.id} \\(`));
		return execution.id;
	};

	test('activating it registers exactly one webhook, at the webhook processor', async () => {
		await stack.client.activate(chained().id);
		expect(count('afterActivation')).toBe(1);
		const url = new URL(gosquaredWebhooks()[0].url);
		expect(`${url.origin}/`).toBe(stack.webhookUrl);
		expect(url.searchParams.get('secret')).toMatch(/^[0-9a-f]{64}$/);
		// Main answers no production webhook: only the webhook processor serves this URL.
		const onMain = await axios.post(`${stack.processes.main.instance.url}${url.pathname}${url.search}`, {}, { validateStatus: () => true });
		expect(onMain.status).toBe(404);
	});

	test('deliveries run the chain on both workers: one incident event and one call each', async () => {
		const events = () => stack.sandbox.services.callgoose.requests.filter((request) => request.path === '/v1/process');
		const before = { events: events().length, calls: ccai().createdCalls.length };
		const byWorker = await onEveryWorker(deliver);
		const runs = Object.values(byWorker).flat().length;
		for (const worker of stack.workers) expect({ worker, ran: byWorker[worker].length > 0 }).toEqual({ worker, ran: true });
		// The same dip twice opens one incident; Callgoose answers the repeat 208 (duplicate).
		expect(events().slice(before.events).map((request) => request.status).sort()).toEqual(
			expect.arrayContaining([201]),
		);
		expect(events().length - before.events).toBe(runs);
		expect(ccai().createdCalls.length - before.calls).toBe(runs);
		report.trafficDipChainRanOn = byWorker;
	});

	test('restarting main leaves exactly one webhook (the same), and deliveries still run', async () => {
		const before = gosquaredWebhooks().map((webhook) => webhook.id);
		await stack.restart('main');
		expect(count('afterMainRestart')).toBe(1);
		expect(gosquaredWebhooks().map((webhook) => webhook.id)).toEqual(before);
		await deliver();
	});

	test('restarting a worker leaves exactly one webhook, and deliveries still run', async () => {
		const before = gosquaredWebhooks().map((webhook) => webhook.id);
		await stack.restart('worker-1');
		expect(count('afterWorkerRestart')).toBe(1);
		expect(gosquaredWebhooks().map((webhook) => webhook.id)).toEqual(before);
		await deliver();
	});

	test('deactivating it removes the webhook', async () => {
		await stack.client.deactivate(chained().id);
		await waitFor('the webhook to be deleted', () => (gosquaredWebhooks().length === 0 ? true : undefined), 30_000);
		expect(count('afterDeactivation')).toBe(0);
		report.webhookIdsSeen = [...new Set(webhookIds)];
	});
});

describe('rate limits across workers: CCAI Platform at 10 requests/s per account', () => {
	const EXECUTIONS = 4;
	const CALLS_PER_EXECUTION = 80;

	/**
	 * Posts EXECUTIONS batches of calls at once to a webhook whose workflow uses a CCAI credential
	 * with `processes` in "Processes Sharing the Rate Limit", and gathers what the sandbox saw.
	 */
	async function placeCalls(processes: number, path: string) {
		const { sandboxCredentials } = await import('../../scripts/lib/provision');
		const { data } = sandboxCredentials(stack.sandbox).ccaiPlatformApi;
		const credential = await stack.client.upsertCredential({
			name: `CCAI Platform (sandbox, ${processes} processes)`,
			type: 'ccaiPlatformApi',
			data: { ...data, rateLimitProcesses: processes },
		});
		const workflow = await stack.client.post('/rest/workflows', callBatch(path, { id: credential.id, name: credential.name }));
		await stack.client.activate(workflow.id);
		ccai().reset();
		const since = Date.now();
		const answers = await Promise.all(
			Array.from({ length: EXECUTIONS }, (_, batch) =>
				axios.post(`${stack.webhookUrl}webhook/${path}`, { calls: callNumbers(processes * 10 + batch, CALLS_PER_EXECUTION) }),
			),
		);
		expect(answers.map((answer) => answer.status)).toEqual(Array(EXECUTIONS).fill(200));
		const executions = await finishedExecutions(workflow.id, since, EXECUTIONS);
		await stack.client.deactivate(workflow.id);

		const posted = ccai().requests.filter((request) => request.method === 'POST' && request.path === '/apps/api/v1/calls');
		const created = posted.filter((request) => request.status === 201);
		const numbers = created.map((request) => (request.json as { end_user_number: string }).end_user_number);
		const arrivals = (requests: typeof posted) => requests.map((request) => Date.parse(request.at)).sort((a, b) => a - b);
		const createdAt = arrivals(created);
		const workers = executions.map((execution) => ({ ...execution, worker: stack.workersThatRan(execution.id)[0] }));
		const figures = {
			executions: workers.map(({ id, status, worker }) => `${id}: ${status} on ${worker}`),
			callsAsked: EXECUTIONS * CALLS_PER_EXECUTION,
			callsCreated: created.length,
			successPercent: Math.round((created.length / (EXECUTIONS * CALLS_PER_EXECUTION)) * 1000) / 10,
			duplicateCalls: numbers.length - new Set(numbers).size,
			requestsReceived: posted.length,
			answered429: posted.filter((request) => request.status === 429).length,
			busiestSecondAllRequests: busiestWindow(arrivals(posted)),
			busiestSecondCreatedCalls: busiestWindow(createdAt),
			averageCallsPerSecond: Math.round((created.length / ((createdAt.at(-1)! - createdAt[0]) / 1000)) * 10) / 10,
			seconds: Math.round((Date.now() - since) / 1000),
		};
		return { executions: workers, figures, numbers };
	}

	/** Both workers ran some of the executions, and one of each overlapped in time. */
	function expectBothWorkersAtOnce(executions: Array<Execution & { worker: string }>) {
		const spans = (worker: string) =>
			executions.filter((execution) => execution.worker === worker).map((execution) => [Date.parse(execution.startedAt), Date.parse(execution.stoppedAt!)]);
		const [first, second] = stack.workers.map(spans);
		expect(first.length).toBeGreaterThan(0);
		expect(second.length).toBeGreaterThan(0);
		expect(first.some(([start, stop]) => second.some(([otherStart, otherStop]) => start < otherStop && otherStart < stop))).toBe(true);
	}

	test(`${EXECUTIONS} × ${CALLS_PER_EXECUTION} calls on both workers, each worker adapting to 429 on its own: all created once`, async () => {
		const { executions, figures, numbers } = await placeCalls(1, 'queue-calls-adaptive');
		report.rateLimitAdaptive = figures;
		expect(executions.map((execution) => execution.status)).toEqual(Array(EXECUTIONS).fill('success'));
		expectBothWorkersAtOnce(executions);
		// 100% created, each number once: every 429 was waited out and retried, nothing sent twice.
		expect(figures.callsCreated).toBe(EXECUTIONS * CALLS_PER_EXECUTION);
		expect(figures.duplicateCalls).toBe(0);
		expect(new Set(numbers)).toEqual(new Set(Array.from({ length: EXECUTIONS }, (_, batch) => callNumbers(10 + batch, CALLS_PER_EXECUTION)).flat().map((call) => call.number)));
		expect(figures.requestsReceived).toBe(figures.callsCreated + figures.answered429);
	}, 300_000);

	test(`the same with "Processes Sharing the Rate Limit" = 2: no 429, at most 10 requests in any second`, async () => {
		const { executions, figures } = await placeCalls(2, 'queue-calls-shared');
		report.rateLimitShared = figures;
		expect(executions.map((execution) => execution.status)).toEqual(Array(EXECUTIONS).fill('success'));
		expectBothWorkersAtOnce(executions);
		expect(figures.callsCreated).toBe(EXECUTIONS * CALLS_PER_EXECUTION);
		expect(figures.duplicateCalls).toBe(0);
		expect(figures.answered429).toBe(0);
		expect(figures.busiestSecondAllRequests).toBeLessThanOrEqual(10);
	}, 300_000);
});

describe('a worker killed (SIGKILL) while CCAI Platform calls are in flight', () => {
	test('n8n fails the execution and runs it nowhere else; no call reaches the service twice', async () => {
		const { sandboxCredentials } = await import('../../scripts/lib/provision');
		const { data } = sandboxCredentials(stack.sandbox).ccaiPlatformApi;
		const credential = await stack.client.upsertCredential({ name: 'CCAI Platform (sandbox, killed worker)', type: 'ccaiPlatformApi', data });
		const workflow = await stack.client.post('/rest/workflows', callBatch('queue-calls-killed', { id: credential.id, name: credential.name }, { concurrency: 2 }));
		await stack.client.activate(workflow.id);
		ccai().reset();
		// Slow answers: two calls are always in flight.
		ccai().latencyMs = 300;
		const batch = callNumbers(60, 60);
		await axios.post(`${stack.webhookUrl}webhook/queue-calls-killed`, { calls: batch });
		const posted = () => ccai().requests.filter((request) => request.method === 'POST' && request.path === '/apps/api/v1/calls');
		await waitFor('ten calls to reach the sandbox', () => (posted().length >= 10 ? true : undefined), 60_000, 50);
		const [execution] = (await stack.client.executions(workflow.id)) as Execution[];
		const worker = await waitFor('the worker running it', () => stack.workersThatRan(execution.id)[0], 10_000);

		const killedAt = Date.now();
		await stack.kill(worker);
		const receivedAtKill = posted().length;
		const inFlight = posted().filter((request) => Date.parse(request.at) > killedAt - ccai().latencyMs).length;
		const final = await waitFor(
			'n8n to settle the execution',
			async () => {
				const current = (await stack.client.get(`/rest/executions/${execution.id}`)) as Execution;
				return TERMINAL(current.status) ? current : undefined;
			},
			300_000,
			1000,
		);
		const settledSeconds = Math.round((Date.now() - killedAt) / 1000);
		const full = await stack.client.waitForExecution(execution.id);
		ccai().latencyMs = 0;

		const numbers = posted().map((request) => (request.json as { end_user_number: string }).end_user_number);
		report.killedWorker = {
			worker,
			execution: execution.id,
			callsReceivedBeforeKill: receivedAtKill,
			inFlightAtKill: inFlight,
			callsReceivedInTotal: numbers.length,
			callsCreated: ccai().createdCalls.length,
			duplicateCalls: numbers.length - new Set(numbers).size,
			status: final.status,
			settledAfterSeconds: settledSeconds,
			error: (full.data as { resultData: { error?: { message: string } } }).resultData.error?.message,
			ranByOtherWorker: stack.workersThatRan(execution.id).filter((name) => name !== worker),
		};
		// n8n 2.x gives up on a job whose worker died (its Bull queue never retries a stalled job) and
		// marks the execution failed; no other worker runs it again.
		expect(final.status).toBe('error');
		expect((full.data as { resultData: { error?: { message: string } } }).resultData.error?.message).toMatch(/failed to be processed too many times/);
		expect(stack.workersThatRan(execution.id)).toEqual([worker]);
		// Nothing was sent after the kill (the calls in flight had left already), and no number twice.
		expect(numbers).toHaveLength(receivedAtKill);
		expect(new Set(numbers).size).toBe(numbers.length);
		expect(numbers.every((number) => batch.some((call) => call.number === number))).toBe(true);
	}, 420_000);
});

describe('the database, after everything above', () => {
	test(`is PostgreSQL ${SUPPORTED_POSTGRES_MAJOR} or newer, and no n8n process logged a warning about its version`, async () => {
		// The server's own answer, through n8n's own client (pg).
		const [{ server_version: version, server_version_num: number }] = await stack.postgres.query(
			"SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS server_version_num",
		);
		report.postgres = version;
		expect(Math.floor(Number(number) / 10_000)).toBeGreaterThanOrEqual(SUPPORTED_POSTGRES_MAJOR);
		// Each n8n process checks the version right after it connects, at every start (restarts
		// included); on Debian's PostgreSQL 15 all four logs had "Postgres 15 is not supported".
		for (const entry of Object.values(stack.processes)) {
			const log = readFileSync(entry.logFile, 'utf8');
			expect(log.length).toBeGreaterThan(0);
			const warnings = log.split('\n').filter((line) => POSTGRES_VERSION_WARNING.test(line));
			expect({ process: entry.name, warnings }).toEqual({ process: entry.name, warnings: [] });
		}
	});
});
