/**
 * The nodes use n8n's public API for n8n's objects, and patch them in one place only, where the
 * public API cannot do what is needed, and say why there. This file finds every cast that
 * bypasses a framework type and every assignment to an error's fields after construction, and
 * proves the one remaining patch is needed.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';

import { callgooseCredentials } from '../helpers/callgoose';
import { ROOT, runWorkflow, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();

function sources(directory: string): string[] {
	return readdirSync(directory).flatMap((entry) => {
		const full = path.join(directory, entry);
		return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
	});
}

const FILES = [...sources(path.join(ROOT, 'nodes')), ...sources(path.join(ROOT, 'credentials'))].map((file) => ({
	file: path.relative(ROOT, file),
	text: readFileSync(file, 'utf8'),
}));

test('no double cast (`as unknown as`) around a framework object', () => {
	expect(FILES.filter(({ text }) => /as unknown as/.test(text)).map(({ file }) => file)).toEqual([]);
});

test('an error\'s fields are set after construction in one place only, the guarded one in shared/request.ts', () => {
	const patches = FILES.flatMap(({ file, text }) =>
		text
			.split('\n')
			.map((line, index) => ({ file, line: index + 1, text: line.trim() }))
			.filter(({ text: line }) => /\b(?:error|failure|err)\.(?:message|description|stack|messages|errorResponse)\s*=[^=]/.test(line)),
	);
	expect(patches.map(({ file, text }) => `${file}: ${text}`)).toEqual([
		'nodes/shared/request.ts: if (error.message !== message) error.message = message;',
		'nodes/shared/request.ts: if (description !== undefined && error.description !== description) error.description = description;',
	]);
	// ...and the place says why.
	const request = FILES.find(({ file }) => file === 'nodes/shared/request.ts')!.text;
	expect(request.replace(/\s*\n\s*\*\s*/g, " ")).toMatch(/There is no option to keep ours/);
});

describe('why shared/request.ts keeps its patch: NodeApiError rewrites what it is given', () => {
	test('a service message that mentions a Node.js error code reaches the user as the service wrote it', async () => {
		sandbox.current.services.callgoose.addFault({
			path: '/v1/process',
			status: 400,
			body: { message: 'Upstream database ETIMEDOUT while matching filters' },
		});
		const result = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ title: 'T', alertId: 'a' }],
		});
		// NodeApiError alone would say "The connection timed out, consider setting the 'Retry on Fail' option…".
		expect(result.error('Create Incident')?.message).toBe('Upstream database ETIMEDOUT while matching filters (HTTP 400)');
	});

	test('a service body shaped like an axios error does not replace the description', async () => {
		sandbox.current.services.callgoose.addFault({
			path: '/v1/process',
			status: 400,
			body: { message: 'Bad payload', response: { data: { message: 'not the description' } } },
		});
		const result = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ title: 'T', alertId: 'a' }],
		});
		expect(result.error('Create Incident')?.description).toBe('Callgoose answered HTTP 400 to POST /v1/process.');
	});
});
