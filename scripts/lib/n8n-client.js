// @ts-check
'use strict';

/**
 * A small client for n8n's REST API (the one its editor uses, with the login cookie), for
 * `npm start` and the end-to-end tests. Checked against n8n 2.41.1, and, for what the
 * compatibility matrix uses (login, credentials and their test, workflows, activation,
 * executions), against n8n 1.81.4 and 1.123.81; manual runs against 1.72.1 and 1.123.81.
 */

const axios = require('axios').default;

class N8nClient {
	/** @param {string} baseUrl */
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		/** @type {string | undefined} */
		this.cookie = undefined;
	}

	/**
	 * @param {import('axios').Method} method
	 * @param {string} path
	 * @param {unknown} [body]
	 * @returns {Promise<{ status: number, data: any }>}
	 */
	async raw(method, path, body) {
		const response = await axios.request({
			method,
			url: `${this.baseUrl}${path}`,
			data: body,
			headers: { accept: 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
			validateStatus: () => true,
			maxContentLength: Infinity,
		});
		const setCookie = response.headers['set-cookie'] ?? [];
		for (const entry of setCookie) {
			const match = /^(n8n-auth=[^;]+)/.exec(entry);
			if (match) this.cookie = match[1];
		}
		return { status: response.status, data: response.data };
	}

	/**
	 * The `data` of a successful answer; an error with n8n's message otherwise.
	 * @param {import('axios').Method} method
	 * @param {string} path
	 * @param {unknown} [body]
	 */
	async request(method, path, body) {
		const { status, data } = await this.raw(method, path, body);
		if (status >= 400) {
			const message = typeof data === 'object' && data ? (data.message ?? JSON.stringify(data)) : String(data);
			throw Object.assign(new Error(`${method} ${path} answered ${status}: ${message}`), { status, body: data });
		}
		return data && typeof data === 'object' && 'data' in data ? data.data : data;
	}

	get(/** @type {string} */ path) {
		return this.request('GET', path);
	}

	post(/** @type {string} */ path, /** @type {unknown} */ body = {}) {
		return this.request('POST', path, body);
	}

	patch(/** @type {string} */ path, /** @type {unknown} */ body) {
		return this.request('PATCH', path, body);
	}

	delete(/** @type {string} */ path) {
		return this.request('DELETE', path);
	}

	/**
	 * Sets up the owner on a fresh instance and logs in; on an instance that has one, logs in.
	 * @param {{ email: string, password: string, firstName?: string, lastName?: string }} owner
	 * @returns {Promise<'created' | 'existing'>}
	 */
	async ownerLogin({ email, password, firstName = 'Demo', lastName = 'Owner' }) {
		const setup = await this.raw('POST', '/rest/owner/setup', { email, password, firstName, lastName });
		if (setup.status === 200) return 'created';
		// n8n 1.x before about 1.90 reads `email`; later versions read `emailOrLdapLoginId`.
		await this.post('/rest/login', { emailOrLdapLoginId: email, email, password });
		return 'existing';
	}

	/**
	 * Creates the credential, or replaces the data of the one of the same name and type.
	 * @param {{ name: string, type: string, data: Record<string, unknown> }} credential
	 * @returns {Promise<{ id: string, name: string, type: string }>}
	 */
	async upsertCredential(credential) {
		const existing = (await this.get('/rest/credentials')).find(
			(/** @type {{ name: string, type: string }} */ candidate) => candidate.name === credential.name && candidate.type === credential.type,
		);
		if (existing) return await this.patch(`/rest/credentials/${existing.id}`, credential);
		return await this.post('/rest/credentials', credential);
	}

	/**
	 * Runs n8n's own credential test on a stored credential, as the editor's "Test" button does
	 * (it sends the stored data back, with secrets as n8n's placeholders).
	 * @param {string} id
	 * @returns {Promise<{ status: 'OK' | 'Error', message: string }>}
	 */
	async testCredential(id) {
		const stored = await this.get(`/rest/credentials/${id}?includeData=true`);
		return await this.post('/rest/credentials/test', {
			credentials: { id, name: stored.name, type: stored.type, data: stored.data },
		});
	}

	/**
	 * Creates the workflow, or updates the one with the same name (it is deactivated first).
	 * @param {any} workflow
	 * @returns {Promise<any>}
	 */
	async upsertWorkflow(workflow) {
		const list = await this.get('/rest/workflows');
		const existing = (Array.isArray(list) ? list : []).find((/** @type {{ name: string }} */ candidate) => candidate.name === workflow.name);
		const { id: _ignored, active: _active, ...body } = workflow;
		// n8n 1.x needs `active` on a new workflow; 2.x ignores it.
		if (!existing) return await this.post('/rest/workflows', { ...body, active: false });
		if (existing.active) await this.post(`/rest/workflows/${existing.id}/deactivate`);
		const current = await this.get(`/rest/workflows/${existing.id}`);
		return await this.patch(`/rest/workflows/${existing.id}`, { ...body, versionId: current.versionId });
	}

	/**
	 * Activates ("publishes") a workflow and waits until its triggers are registered.
	 * In n8n 2.41 activation is applied asynchronously, and a failed trigger leaves `active` true:
	 * only the publication status tells.
	 * @param {string} id
	 */
	async activate(id, { timeoutMs = 60_000 } = {}) {
		const workflow = await this.get(`/rest/workflows/${id}`);
		const activated = await this.raw('POST', `/rest/workflows/${id}/activate`, { versionId: workflow.versionId });
		if (activated.status === 404) {
			// n8n 1.x: activation is an update of `active`, applied before it answers.
			const updated = await this.patch(`/rest/workflows/${id}`, { active: true, versionId: workflow.versionId });
			if (!updated.active) throw new Error(`activating workflow ${id} failed: n8n answered active=${updated.active}`);
			return { status: 'published', triggers: [] };
		}
		if (activated.status >= 400) {
			throw new Error(`POST /rest/workflows/${id}/activate answered ${activated.status}: ${activated.data?.message ?? JSON.stringify(activated.data)}`);
		}
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const answer = await this.raw('GET', `/rest/workflows/${id}/publication-status`);
			if (answer.status === 404) {
				// n8n 1.123 has /activate but no publication status: it activates before it answers.
				const activeNow = await this.get(`/rest/workflows/${id}`);
				if (!activeNow.active) throw new Error(`activating workflow ${id} failed: n8n answered active=${activeNow.active}`);
				return { status: 'published', triggers: [] };
			}
			if (answer.status >= 400) throw new Error(`GET /rest/workflows/${id}/publication-status answered ${answer.status}`);
			const status = answer.data?.data ?? answer.data;
			if (status.status === 'published' && status.triggers.every((/** @type {{ status: string }} */ trigger) => trigger.status === 'activated')) return status;
			if (status.status === 'failed') {
				const reasons = status.triggers.map((/** @type {{ errorMessage: string }} */ trigger) => trigger.errorMessage).filter(Boolean);
				throw new Error(`activating workflow ${id} failed: ${reasons.join('; ') || 'unknown reason'}`);
			}
			if (Date.now() > deadline) throw new Error(`workflow ${id} was not published within ${timeoutMs / 1000} s (${status.status})`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** @param {string} id */
	async deactivate(id) {
		const deactivated = await this.raw('POST', `/rest/workflows/${id}/deactivate`, {});
		if (deactivated.status < 400) return deactivated.data?.data ?? deactivated.data;
		if (deactivated.status !== 404) {
			throw new Error(`POST /rest/workflows/${id}/deactivate answered ${deactivated.status}: ${deactivated.data?.message ?? JSON.stringify(deactivated.data)}`);
		}
		// n8n 1.x: an update of `active`.
		const workflow = await this.get(`/rest/workflows/${id}`);
		return await this.patch(`/rest/workflows/${id}`, { active: false, versionId: workflow.versionId });
	}

	/**
	 * Runs a saved workflow from its trigger, as "Execute workflow" in the editor does, and waits
	 * for the execution to end.
	 * @param {string} id
	 * @param {string} triggerName
	 */
	async runManually(id, triggerName, { timeoutMs = 60_000 } = {}) {
		// n8n 1.x runs the workflow the request carries (`workflowData`); 2.x runs the saved one and
		// drops what it does not know.
		const workflowData = await this.get(`/rest/workflows/${id}`);
		const { executionId } = await this.post(`/rest/workflows/${id}/run`, { workflowData, triggerToStartFrom: { name: triggerName } });
		return await this.waitForExecution(executionId, { timeoutMs });
	}

	/**
	 * An execution once it has ended, with its run data parsed.
	 * @param {string} executionId
	 */
	async waitForExecution(executionId, { timeoutMs = 60_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.get(`/rest/executions/${executionId}`);
			const ended = !['new', 'running', 'waiting'].includes(execution.status);
			const data = parseFlatted(execution.data);
			// n8n 1.x on SQLite stores an execution's status, then its run data: for a moment an
			// ended execution still has the empty data it started with ("[]").
			if (ended && (data !== undefined || Date.now() > deadline)) return { ...execution, data };
			if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${execution.status} after ${timeoutMs / 1000} s`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	/**
	 * The executions of a workflow, newest first.
	 * @param {string} workflowId
	 * @returns {Promise<Array<{ id: string, mode: string, status: string, startedAt: string }>>}
	 */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const result = await this.get(`/rest/executions?filter=${filter}`);
		return result.results;
	}
}

/**
 * n8n stores run data serialised with `flatted` (JSON for circular structures): a table whose first
 * entry is the root, where every string inside an object or array is the index of another entry
 * (strings themselves are table entries).
 * @param {unknown} data
 */
function parseFlatted(data) {
	if (typeof data !== 'string') return data;
	/** @type {unknown[]} */
	const table = JSON.parse(data);
	const done = new Map();
	/** @param {number} index */
	const resolve = (index) => {
		if (done.has(index)) return done.get(index);
		const entry = table[index];
		if (entry === null || typeof entry !== 'object') {
			done.set(index, entry);
			return entry;
		}
		/** @type {Record<string, unknown> | unknown[]} */
		const copy = Array.isArray(entry) ? [] : {};
		done.set(index, copy);
		for (const [key, value] of Object.entries(entry)) {
			/** @type {Record<string, unknown>} */ (copy)[key] = typeof value === 'string' ? resolve(Number(value)) : value;
		}
		return copy;
	};
	return resolve(0);
}

module.exports = { N8nClient, parseFlatted };
