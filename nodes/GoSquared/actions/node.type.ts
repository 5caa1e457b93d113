/** Every resource of the GoSquared node and its operations; the router's map is checked against it. */
export type GoSquaredMap = {
	chat: 'archive' | 'get' | 'getAll' | 'getMessages';
	event: 'track';
	person: 'get' | 'identify' | 'search';
	smartGroup: 'get' | 'getAll';
	transaction: 'track';
	webhook: 'create' | 'delete' | 'get' | 'getAll';
	webhookTrigger: 'add' | 'get' | 'getAll' | 'remove';
};
