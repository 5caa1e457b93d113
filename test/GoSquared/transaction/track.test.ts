/**
 * Transaction → Track, by real workflow executions against the sandbox: the transaction GoSquared
 * received, its uniqueness by ID, checks before sending, and never twice.
 */
import { goSquaredCredentials, KEYS, siteData, SITES } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);
const workflow = () => workflowFile('gosquared-transaction-track.json');
const order = { id: 'order-10234', person: 'jon@example.com', price: 99.5 };

test('posts the transaction with its items for the person, and outputs GoSquared\'s answer', async () => {
	const result = await runWorkflow(workflow(), { credentials: credentials(), input: [order] });
	const [request] = gosquared().requests;
	expect([request.method, request.path, request.query]).toEqual(['POST', '/tracking/v1/transaction', { api_key: KEYS.write, site_token: SITES.main }]);
	expect(request.json).toEqual({
		transaction: {
			id: 'order-10234',
			items: [
				{ name: 'Annual plan', category: 'Subscriptions', price: 99.5, quantity: 1 },
				{ name: 'Setup', price: 50, quantity: 2 },
			],
		},
		person_id: 'email:jon@example.com',
	});
	expect(result.output('Track Transaction')).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
	expect(siteData(sandbox.current).transactions).toHaveLength(1);
});

test('the totals and the timestamp go as GoSquared\'s transaction options', async () => {
	const totals = withParameters(workflow(), 'Track Transaction', { options: { revenue: 120, quantity: 3, timestamp: '2030-01-31T14:30:00Z', visitorId: 'v-1' } });
	await runWorkflow(totals, { credentials: credentials(), input: [order] });
	expect(gosquared().requests[0].json).toMatchObject({
		transaction: { id: 'order-10234', opts: { revenue: 120, quantity: 3 } },
		timestamp: '2030-01-31T14:30:00.000Z',
		visitor_id: 'v-1',
	});
});

test('the same Transaction ID twice: sent one after the other, and GoSquared counts it once', async () => {
	const result = await runWorkflow(workflow(), { credentials: credentials(), input: [order, { ...order, price: 1 }] });
	expect(result.output('Track Transaction')).toHaveLength(2);
	const [first, second] = gosquared().requests;
	expect(second.seq).toBeGreaterThan(first.answeredAtSeq ?? Infinity);
	expect(siteData(sandbox.current).transactions).toHaveLength(1);
	expect(siteData(sandbox.current).duplicateTransactions).toHaveLength(1);
});

test.each([
	['no Transaction ID', { id: '' }, {}, '"Transaction ID" is required (item 0)'],
	['an item without a name (from an expression)', {}, { items: { item: [{ name: '={{ $json.itemName ?? "" }}', price: 1 }] } }, '"Items 1: Name" is required (item 0)'],
	['a quantity of 0', {}, { items: { item: [{ name: 'A', quantity: 0 }] } }, '"Items 1: Quantity" must be a whole number above 0, not 0 (item 0)'],
	['a price that is not a number', { price: 'lots' }, {}, '"Items 1: Price" must be a number, not "lots" (item 0)'],
])('%s fails the item, and nothing is sent', async (_case, input, parameters, message) => {
	const result = await runWorkflow(withParameters(workflow(), 'Track Transaction', parameters), { credentials: credentials(), input: [{ ...order, ...input }] });
	expect(result.error('Track Transaction')?.message).toBe(message);
	expect(gosquared().requests).toHaveLength(0);
});

test('a 500 or a dropped connection is not retried, and the error says a repeat with the same ID is safe', async () => {
	gosquared().addFault({ method: 'POST', path: '/tracking/v1/transaction', reset: true, process: true });
	const result = await runWorkflow(workflow(), { credentials: credentials(), input: [order] });
	expect(result.error('Track Transaction')?.description).toMatch(/^The transaction may have been tracked \(running it again with the same Transaction ID is safe/);
	expect(gosquared().requests).toHaveLength(1);

	gosquared().reset();
	gosquared().addFault({ method: 'POST', path: '/tracking/v1/transaction', status: 503 });
	const failed = await runWorkflow(workflow(), { credentials: credentials(), input: [order] });
	expect(failed.error('Track Transaction')?.httpCode).toBe('503');
	expect(gosquared().requests).toHaveLength(1);
});
