/**
 * The sandbox's Manager API and the life of its calls: what the CCAI Platform node and trigger are
 * tested against (and `npm start` demonstrates) behaves as the README's "Manager API" section says.
 */
import axios from 'axios';

import { CCAI } from '../helpers/ccai';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const auth = { username: CCAI.subdomain, password: CCAI.apiToken };
const manager = (path = '', params: Record<string, string | number> = {}) =>
	axios.get(`${sandbox.current.url}/ccai/manager/api/v1/calls${path}`, { auth, params, validateStatus: () => true });
const control = (method: 'post' | 'put' | 'patch', path: string, body: unknown = {}) =>
	axios.request({ method, url: `${sandbox.current.url}/_sandbox/ccai${path}`, data: body, validateStatus: () => true });
const createCall = async () =>
	(
		await axios.post(
			`${sandbox.current.baseUrls.ccai}/calls`,
			{ call_type: 'Voice Outbound (API)', agent_email: 'admin@acme.example', end_user_number: '+18596579625' },
			{ auth },
		)
	).data as { id: number; status: string; updated_at: string };

test('a call moves through its statuses by itself, one every step, each change moving updated_at', async () => {
	let now = Date.parse('2030-01-01T10:00:00Z');
	ccai().now = () => now;
	ccai().progressStepMs = 5000;
	const call = await createCall();
	expect(call).toMatchObject({ status: 'assigned', updated_at: '2030-01-01T10:00:00.000Z' });
	const seen = async () => ((await manager(`/${call.id}`)).data as { status: string; updated_at: string; connected_at: string | null; ends_at: string | null });

	now += 4999;
	expect((await seen()).status).toBe('assigned');
	now += 1;
	expect(await seen()).toMatchObject({ status: 'connecting', updated_at: '2030-01-01T10:00:05.000Z' });
	now += 60_000;
	// Steps that came due while nobody looked happened at their own times.
	expect(await seen()).toMatchObject({
		status: 'finished',
		connected_at: '2030-01-01T10:00:10.000Z',
		ends_at: '2030-01-01T10:00:15.000Z',
		updated_at: '2030-01-01T10:00:15.000Z',
	});
	expect((await axios.get(`${sandbox.current.url}/_sandbox/ccai`)).data.calls.at(-1)).toMatchObject({ id: call.id, status: 'finished' });
});

test('calls move on command: the next status, any status, or a change that is not a status change', async () => {
	const call = await createCall();
	expect((await control('post', `/calls/${call.id}/advance`)).data).toMatchObject({ status: 'connecting' });
	expect((await control('post', `/calls/${call.id}/status`, { status: 'failed', fail_reason: 'eu_abandoned' })).data).toMatchObject({
		status: 'failed',
		fail_reason: 'eu_abandoned',
	});
	const before = (await manager(`/${call.id}`)).data.updated_at as string;
	const touched = (await control('patch', `/calls/${call.id}`, { recording_url: 'https://recordings.example/1.mp3' })).data;
	expect(touched).toMatchObject({ status: 'failed', recording_url: 'https://recordings.example/1.mp3' });
	expect(Date.parse(touched.updated_at)).toBeGreaterThan(Date.parse(before));
	expect((await control('post', `/calls/${call.id}/advance`)).status).toBe(409);
	expect((await control('post', `/calls/${call.id}/status`, { status: 'hung_up' })).status).toBe(400);
	expect((await control('put', '/progression', { stepMs: -1 })).status).toBe(400);
	expect((await control('put', '/progression', { stepMs: 5000 })).data).toEqual({ stepMs: 5000 });
});

test('the list: filters, sorting, 100 per page at most, and the Link, Total and Per-Page headers', async () => {
	const from = Date.parse('2030-01-01T00:00:00Z');
	const added = ccai().addCalls({ count: 150, from, spacingMs: 60_000, status: 'finished' });
	const page = await manager('', { 'created_at[from]': '2030-01-01T00:10:00Z', sort_column: 'created_at', sort_direction: 'asc', per: 500 });
	expect(page.status).toBe(200);
	expect(page.data).toHaveLength(100);
	expect(page.data[0].id).toBe(added[10].id);
	expect(page.headers.total).toBe('140');
	expect(page.headers['per-page']).toBe('100');
	const link = page.headers.link as string;
	expect(link).toMatch(/<http:\/\/[^>]+\/ccai\/manager\/api\/v1\/calls\?[^>]*page=2[^>]*>; rel="next"/);
	expect(link).toMatch(/page=2[^>]*>; rel="last"/);
	const last = await manager('', { 'created_at[from]': '2030-01-01T00:10:00Z', sort_column: 'created_at', sort_direction: 'ASC', page: 2 });
	expect(last.data).toHaveLength(40);
	expect(last.headers.link).not.toMatch(/rel="next"/);
	// Unknown parameters are ignored; a bad date is refused with the Manager API's error shape.
	expect((await manager('', { status: 'failed', per: 1 })).data).toHaveLength(1);
	expect((await manager('', { 'updated_at[from]': 'yesterday' })).data).toEqual({
		error: 'Bad Request',
		message: 'updated_at[from] is not a valid date-time: "yesterday"',
		status: 400,
	});
	expect((await manager('/999999')).status).toBe(404);
});
