/**
 * The GoSquared stand-in itself, over HTTP, where the node tests do not already show it: the
 * rate-limit headers, its bucket, and the control route that fires deliveries.
 */
import http from 'http';

import { KEYS, SITES } from '../helpers/gosquared';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const api = (path: string, init?: RequestInit, key: string = KEYS.write) =>
	fetch(`${sandbox.current.baseUrls.gosquared}${path}?api_key=${key}&site_token=${SITES.main}`, init);

test('every answer to a known key carries the X-RateLimit headers; an empty bucket answers 429 with Retry-After', async () => {
	gosquared().config.rateLimit = { limit: 2, intervalMs: 60_000 };
	const first = await api('/account/v1/webhooks');
	expect(first.status).toBe(200);
	expect(Object.fromEntries([...first.headers].filter(([name]) => name.startsWith('x-ratelimit')))).toEqual({
		'x-ratelimit-cost': '1',
		'x-ratelimit-limit': '2',
		'x-ratelimit-remaining': '1',
		'x-ratelimit-full': expect.stringMatching(/^\d+$/),
	});
	await api('/account/v1/webhooks');
	const limited = await api('/account/v1/webhooks');
	expect(limited.status).toBe(429);
	// One unit comes back every 30 s.
	expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
	expect(await limited.json()).toEqual({ code: 4002, message: 'Error 4002: Rate limit exceeded' });
});

test('PUT /_sandbox/gosquared/rate-limit {"headers": false} drops the X-RateLimit headers; a 429 keeps Retry-After', async () => {
	const control = await fetch(`${sandbox.current.url}/_sandbox/gosquared/rate-limit`, {
		method: 'PUT',
		body: JSON.stringify({ limit: 1, intervalMs: 60_000, headers: false }),
	});
	expect(await control.json()).toEqual({ limit: 1, intervalMs: 60_000, headers: false });
	const first = await api('/account/v1/webhooks');
	expect(first.status).toBe(200);
	const limited = await api('/account/v1/webhooks');
	expect(limited.status).toBe(429);
	for (const answer of [first, limited]) {
		expect([...answer.headers.keys()].filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
	}
	expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
});

test('POST /_sandbox/gosquared/fire delivers the sample payload to each webhook with that trigger, URL query included', async () => {
	const received: Array<{ url: string; contentType: string; body: unknown }> = [];
	const receiver = http.createServer((req, res) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			received.push({ url: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(text) });
			res.writeHead(204).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	const { port } = receiver.address() as { port: number };
	try {
		const create = (trigger: string, value?: unknown) =>
			api('/account/v1/webhooks', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook/${trigger}?secret=s-${trigger}`, trigger, value }),
			});
		await create('exited_smart_group', 'churn-risk');
		await create('traffic_dip', 3);

		const fired = await fetch(`${sandbox.current.url}/_sandbox/gosquared/fire`, {
			method: 'POST',
			body: JSON.stringify({ event: 'exited_smart_group' }),
		});
		expect(await fired.json()).toEqual({
			deliveries: [
				expect.objectContaining({
					webhookId: 1001,
					event: 'exited_smart_group',
					status: 204,
					error: null,
					url: `http://127.0.0.1:${port}/hook/exited_smart_group?secret=s-exited_smart_group`,
				}),
			],
		});
		expect(received).toEqual([
			{
				url: '/hook/exited_smart_group?secret=s-exited_smart_group',
				contentType: 'application/json',
				body: expect.objectContaining({ group: { id: 'churn-risk', name: 'Churn Risk' }, boundary: 'exit' }),
			},
		]);

		const unknown = await fetch(`${sandbox.current.url}/_sandbox/gosquared/fire`, {
			method: 'POST',
			body: JSON.stringify({ event: 'page_view' }),
		});
		expect(unknown.status).toBe(400);
	} finally {
		await new Promise((resolve) => receiver.close(resolve));
	}
});
