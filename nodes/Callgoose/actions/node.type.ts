/** Every resource of the Callgoose node and its operations; the router's map is checked against it. */
export type CallgooseMap = {
	incident: 'create' | 'resolve';
	request: 'runWorkflow';
};
