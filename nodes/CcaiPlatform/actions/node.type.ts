/** Every resource of the CCAI Platform node and its operations; the router's map is checked against it. */
export type CcaiPlatformMap = {
	call: 'create' | 'get' | 'getAll';
	customerFlag: 'get' | 'update';
	agent: 'getAll' | 'updateStatus';
	queue: 'getAll' | 'get' | 'currentStatus' | 'sla';
};
