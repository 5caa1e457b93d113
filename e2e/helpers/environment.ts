/**
 * The end-to-end environment: a real n8n (the pinned one unless another is asked for), installed
 * on first use; this package installed into a fresh n8n user folder, the way n8n's
 * community-package installer does it or the way the README's manual install does; the sandbox;
 * an owner account; and what `npm start` provisions (sandbox credentials, example workflows).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';

import { N8nClient } from '../../scripts/lib/n8n-client';
import { freePort, installPackage, N8nInstance, npmInstallPackage } from '../../scripts/lib/n8n-instance';
import { provision } from '../../scripts/lib/provision';
import { ensureRuntime, PROJECT_ROOT } from '../../scripts/lib/runtime';
import { startSandbox } from '../../sandbox/server';

export const ARTIFACTS = path.join(PROJECT_ROOT, 'artifacts', 'e2e');
export const OWNER = { email: 'e2e-owner@example.com', password: 'E2e-Passw0rd-Owner' };

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type Provisioned = Awaited<ReturnType<typeof provision>>;
export type Runtime = Awaited<ReturnType<typeof ensureRuntime>>;
export type NpmInstallation = ReturnType<typeof npmInstallPackage>;

export interface EnvironmentOptions {
	/** Which n8n, on which Node (exact versions or ranges); the pinned runtime by default. */
	runtime?: { n8n: string; node: string };
	/**
	 * How the package gets into `<user folder>/.n8n/nodes`: `editor` unpacks the packed tarball as
	 * n8n's community-package installer does (the default); `npm` runs the README's manual install,
	 * `npm install <tarball>` in the empty folder, with the runtime's Node first on PATH.
	 */
	install?: { method: 'editor' } | { method: 'npm'; tarball: string };
	/** Extra environment for n8n. */
	env?: NodeJS.ProcessEnv;
	/** The name of n8n's log file in artifacts/e2e. */
	logName?: string;
}

export interface Environment {
	n8n: N8nInstance;
	client: N8nClient;
	sandbox: Sandbox;
	provisioned: Provisioned;
	userFolder: string;
	runtime: Runtime;
	/** What the README's manual install did, when it was used. */
	npmInstallation?: NpmInstallation;
	/** Stops n8n and starts it again on the same user folder, as after a server restart. */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

export async function startEnvironment(options: EnvironmentOptions = {}): Promise<Environment> {
	const log = (line: string) => process.stdout.write(`${line}\n`);
	const runtime = await ensureRuntime({ log, ...options.runtime });
	const install = options.install ?? { method: 'editor' };
	// The README's manual install runs npm in the nodes folder, which must not lie inside this
	// project (npm would install into the project): that one lives in the system's temp folder.
	const userFolder =
		install.method === 'npm'
			? mkdtempSync(path.join(os.tmpdir(), 'n8n-user-'))
			: path.join(PROJECT_ROOT, '.cache', 'e2e', `run-${Date.now()}`);
	mkdirSync(userFolder, { recursive: true });
	mkdirSync(ARTIFACTS, { recursive: true });
	const npmInstallation = install.method === 'npm' ? npmInstallPackage(userFolder, install.tarball, { runtime }) : undefined;
	if (install.method === 'editor') installPackage(userFolder);

	const sandbox = await startSandbox({ port: await freePort() });
	const n8n = new N8nInstance({
		userFolder,
		port: await freePort(),
		brokerPort: await freePort(),
		logFile: path.join(ARTIFACTS, options.logName ?? 'n8n.log'),
		runtime,
		env: options.env,
	});
	const client = new N8nClient(n8n.url);
	let provisioned: Provisioned;
	try {
		await n8n.start();
		await client.ownerLogin(OWNER);
		provisioned = await provision(client, sandbox);
	} catch (error) {
		await n8n.stop();
		await sandbox.close();
		throw error;
	}

	return {
		n8n,
		client,
		sandbox,
		provisioned,
		userFolder,
		runtime,
		npmInstallation,
		async restart() {
			await n8n.stop();
			await n8n.start();
			await client.ownerLogin(OWNER);
		},
		async stop() {
			await n8n.stop();
			await sandbox.close();
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}
