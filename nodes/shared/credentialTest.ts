import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestMethods,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { Redactor } from './redaction';
import { credentialSecretValues, defaultErrorMessage, secretFieldsProblem, type ServiceDefinition } from './request';

/** A request a node-side credential test sends, and what each refusal means. */
export interface CredentialProbe {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	headers?: IDataObject;
	body?: IDataObject;
	/** HTTP Basic, when the credential uses it. */
	basic?: { username: string; password: string };
	/** A message per HTTP status, for the refusals a user can act on. */
	messages: Record<number, string>;
	/** Statuses after which the next probe is tried instead (e.g. 401 for a token of another kind). */
	tryNextOn?: number[];
}

const TIMEOUT_MS = 30_000;

/**
 * A node-side credential test (`testedBy`): the probe is built from the same derivation as the
 * runs (so whatever the test accepts, the runs accept), secret fields are checked by the same rule,
 * and nothing the service answers is shown with a secret in it. n8n gives a credential test only
 * its legacy `request` helper, without the credential's `authenticate`: the probe carries the
 * authentication that derivation computed.
 */
export async function testCredential(
	context: ICredentialTestFunctions,
	service: ServiceDefinition,
	credentials: ICredentialDataDecryptedObject,
	probesOf: (credentials: ICredentialDataDecryptedObject) => CredentialProbe | CredentialProbe[],
): Promise<INodeCredentialTestResult> {
	const problem = secretFieldsProblem(service, credentials);
	if (problem) return { status: 'Error', message: problem };
	let probes: CredentialProbe[];
	try {
		probes = ([] as CredentialProbe[]).concat(probesOf(credentials));
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	const redactor = new Redactor(credentialSecretValues(service, credentials));
	let result: INodeCredentialTestResult = { status: 'Error', message: 'Nothing was tested' };
	for (const [index, probe] of probes.entries()) {
		const { response, failure } = await send(context, probe, service, redactor);
		if (failure) return failure;
		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return { status: 'OK', message: 'Connection successful!' };
		result = refusal(service, probe, response, redactor);
		if (!probe.tryNextOn?.includes(statusCode) || index === probes.length - 1) return result;
	}
	return result;
}

type Answer = { statusCode: number; body: unknown };

async function send(
	context: ICredentialTestFunctions,
	probe: CredentialProbe,
	service: ServiceDefinition,
	redactor: Redactor,
): Promise<{ response: Answer; failure?: undefined } | { response?: undefined; failure: INodeCredentialTestResult }> {
	try {
		const response = (await context.helpers.request({
			method: probe.method,
			uri: probe.url,
			qs: probe.qs,
			headers: probe.headers,
			body: probe.body,
			auth: probe.basic && { user: probe.basic.username, pass: probe.basic.password },
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			timeout: TIMEOUT_MS,
		})) as Answer;
		return { response };
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		const reason = typeof code === 'string' ? code : (error as Error).message;
		return {
			failure: {
				status: 'Error',
				message: redactor.text(`Could not reach ${service.displayName} at ${probe.url}: ${reason}`),
			},
		};
	}
}

function refusal(
	service: ServiceDefinition,
	probe: CredentialProbe,
	response: Answer,
	redactor: Redactor,
): INodeCredentialTestResult {
	const { statusCode } = response;
	const known = probe.messages[statusCode];
	if (known) return { status: 'Error', message: known };
	const answer = service.errorMessage?.(response.body) ?? defaultErrorMessage(response.body);
	return {
		status: 'Error',
		message: redactor.text(`${service.displayName} answered HTTP ${statusCode}${answer ? `: ${answer}` : ''}`),
	};
}
