// A module-loader hook for scripts/check-workflows.js: @actions/workflow-parser imports its JSON
// schema without the `with { type: 'json' }` attribute Node requires (it expects a bundler).
export async function load(url, context, nextLoad) {
	if (url.endsWith('.json')) return nextLoad(url, { ...context, importAttributes: { type: 'json' } });
	return nextLoad(url, context);
}
