/** Every resource of the GoSquared node and its operations; the router's map is checked against it. */
export type GoSquaredMap = {
	webhook: 'create' | 'delete' | 'get' | 'getAll';
	webhookTrigger: 'add' | 'get' | 'getAll' | 'remove';
};
