/**
 * The end-to-end environment: the pinned real n8n (installed on first use), this package installed
 * into a fresh n8n user folder the way n8n's community-package installer does it, the sandbox,
 * an owner account, and what `npm start` provisions (sandbox credentials, example workflows).
 */
import { mkdirSync, rmSync } from 'fs';
import path from 'path';

import { N8nClient } from '../../scripts/lib/n8n-client';
import { freePort, installPackage, N8nInstance } from '../../scripts/lib/n8n-instance';
import { provision } from '../../scripts/lib/provision';
import { ensureRuntime, PROJECT_ROOT } from '../../scripts/lib/runtime';
import { startSandbox } from '../../sandbox/server';

export const ARTIFACTS = path.join(PROJECT_ROOT, 'artifacts', 'e2e');
export const OWNER = { email: 'e2e-owner@example.com', password: 'E2e-Passw0rd-Owner' };

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type Provisioned = Awaited<ReturnType<typeof provision>>;

export interface Environment {
	n8n: N8nInstance;
	client: N8nClient;
	sandbox: Sandbox;
	provisioned: Provisioned;
	userFolder: string;
	/** Stops n8n and starts it again on the same user folder, as after a server restart. */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

export async function startEnvironment(): Promise<Environment> {
	await ensureRuntime({ log: (line) => process.stdout.write(`${line}\n`) });
	const userFolder = path.join(PROJECT_ROOT, '.cache', 'e2e', `run-${Date.now()}`);
	mkdirSync(userFolder, { recursive: true });
	mkdirSync(ARTIFACTS, { recursive: true });
	installPackage(userFolder);

	const sandbox = await startSandbox({ port: await freePort() });
	const n8n = new N8nInstance({
		userFolder,
		port: await freePort(),
		brokerPort: await freePort(),
		logFile: path.join(ARTIFACTS, 'n8n.log'),
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
