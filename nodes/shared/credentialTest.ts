import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestMethods,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { Redactor } from './redaction';
import { credentialProblem, credentialSecretValues, defaultErrorMessage, redirectTarget, type ServiceDefinition } from './request';

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
	/**
	 * Whether a 2xx answer is the service's own (its documented shape), so that a captive portal's
	 * page or another API at a wrong address never passes for a working credential.
	 */
	isServiceAnswer(body: unknown): boolean;
	/** What the service answers, for the message when a 2xx answer is not that, e.g. "a list of calls". */
	expected: string;
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
	probeOf: (credentials: ICredentialDataDecryptedObject) => CredentialProbe,
): Promise<INodeCredentialTestResult> {
	const problem = credentialProblem(service, credentials);
	if (problem) return { status: 'Error', message: problem };
	let probe: CredentialProbe;
	try {
		probe = probeOf(credentials);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	const redactor = new Redactor(credentialSecretValues(service, credentials));
	const { response, failure } = await send(context, probe, service, redactor);
	if (failure) return failure;
	const { statusCode } = response;
	if (statusCode >= 200 && statusCode < 300) {
		if (probe.isServiceAnswer(response.body)) return { status: 'OK', message: 'Connection successful!' };
		const excerpt = (typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? null)).slice(0, 80);
		return {
			status: 'Error',
			message: redactor.text(
				`Something answered HTTP ${statusCode} at ${probe.url}, but not as ${service.displayName} does (${probe.expected} was expected, not ${JSON.stringify(excerpt)}). Check the address in the credential.`,
			),
		};
	}
	if (statusCode >= 300 && statusCode < 400) return redirected(service, probe, response, redactor);
	return refusal(service, probe, response, redactor);
}

type Answer = { statusCode: number; body: unknown; headers?: Record<string, unknown> };

/** A redirect is never followed, so that the credential stays with its own host. */
function redirected(service: ServiceDefinition, probe: CredentialProbe, response: Answer, redactor: Redactor): INodeCredentialTestResult {
	const location = Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'location')?.[1];
	const target = redirectTarget(location, probe.url);
	return {
		status: 'Error',
		message: redactor.text(
			`${service.displayName} answered HTTP ${response.statusCode}, a redirect to ${target}, which the test does not follow: the credential is never sent anywhere but the address in the credential. If ${service.displayName} moved, put its new address into the credential.`,
		),
	};
}

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
			// A redirect is an answer, never followed (see `redirected`).
			followRedirect: false,
			followAllRedirects: false,
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
