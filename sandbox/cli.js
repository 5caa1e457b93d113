#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Starts the sandbox on loopback and prints how to point the credentials at it.
 *   node sandbox/cli.js [--port 5790] [--host 127.0.0.1]
 * The port can also come from SANDBOX_PORT. Ctrl-C stops it.
 */

const { startSandbox } = require('./server');
const { DEFAULT_TOKENS } = require('./callgoose');
const { DEFAULT_CREDENTIALS: CCAI } = require('./ccai');
const { DEFAULT_KEYS: GOSQUARED_KEYS, SITES: GOSQUARED_SITES } = require('./gosquared');
const { DEFAULT_API_KEY: OPENAI_KEY, MODEL: OPENAI_MODEL } = require('./openai');

function option(/** @type {string} */ name) {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

async function main() {
	const port = Number(option('port') ?? process.env.SANDBOX_PORT ?? 5790);
	const host = option('host') ?? '127.0.0.1';
	// Calls move on by themselves, as in `npm start`: a status every 5 seconds.
	const sandbox = await startSandbox({ port, host, config: { ccai: { progressStepMs: 5000 } } });
	console.log(`Sandbox listening on ${sandbox.url}`);
	console.log('');
	console.log('Callgoose SQIBS credential:');
	console.log(`  Base URL:       ${sandbox.baseUrls.callgoose}`);
	console.log(`  Incident token, Global scope:   ${DEFAULT_TOKENS.global}   (incidents of every service)`);
	console.log(`  Incident token, Team scope:     ${DEFAULT_TOKENS.team}   (team "ops")`);
	console.log(`  Incident token, Service scope:  ${DEFAULT_TOKENS.service}   (service "database")`);
	console.log(`  Request token:                  ${DEFAULT_TOKENS.request}   (Run Workflow)`);
	console.log('  Workflow IDs:   wf-restart-service, wf-notify-customer');
	console.log('');
	console.log('Google CCAI Platform credential:');
	console.log(`  Subdomain:          ${CCAI.subdomain}   (Domain: any; the override below wins)`);
	console.log(`  Base URL Override:  ${sandbox.baseUrls.ccai}`);
	console.log('  Username:           (empty: the subdomain is the username)');
	console.log(`  Password:           ${CCAI.apiToken}`);
	console.log(`  Legacy pair:        Username ${CCAI.companyKey}, Password ${CCAI.companySecret}`);
	console.log('  Agents:             admin@acme.example, alex.agent@acme.example (available), busy.agent@acme.example (not available),');
	console.log('                      no.access@acme.example (may not call), multi.line@acme.example (must choose a number: 202)');
	console.log('  Menus:              9 IVR, 12 mobile, 50 web, 20 after hours, 21 manual redirection');
	console.log('  Tickets:            71450, 76517 (80001: the agent must dial: 202); calls 397, 398, 515 exist');
	console.log('  Calls move on:      a status every 5 s (assigned → connecting → connected → finished); or on command:');
	console.log(`                      curl -X POST ${sandbox.url}/_sandbox/ccai/calls/<id>/advance   (the next status)`);
	console.log(`                      curl -X POST ${sandbox.url}/_sandbox/ccai/calls/<id>/status -d '{"status":"failed"}'`);
	console.log(`                      curl -X PUT ${sandbox.url}/_sandbox/ccai/progression -d '{"stepMs":null}'   (only on command)`);
	console.log('');
	console.log('GoSquared credential:');
	console.log(`  API URL:        ${sandbox.baseUrls.gosquared}`);
	console.log(`  API Key:        ${GOSQUARED_KEYS.write}   (account write scope: webhooks work)`);
	console.log(`  Site Token:     ${GOSQUARED_SITES.main}   (or ${GOSQUARED_SITES.second})`);
	console.log(`  Read-only key:  ${GOSQUARED_KEYS.readOnly}   (refused on webhooks: 4001)`);
	console.log(`  Fire an event:  curl -X POST ${sandbox.url}/_sandbox/gosquared/fire -d '{"event":"traffic_spike"}'`);
	console.log('                  (events: chat_message, entered_smart_group, exited_smart_group, traffic_dip, traffic_spike)');
	console.log('');
	console.log('OpenAI credential (a scripted model, for the AI Agent with these nodes as tools):');
	console.log(`  Base URL:       ${sandbox.baseUrls.openai}`);
	console.log(`  API Key:        ${OPENAI_KEY}`);
	console.log(`  Model (By ID):  ${OPENAI_MODEL}   (OpenAI Chat Model: Use Responses API off)`);
	console.log(`  Script it:      curl -X POST ${sandbox.url}/_sandbox/openai/scripts -d '{"when":"call 398","calls":[{"tool":"Get_call","arguments":{"call_id":398}}]}'`);
	console.log('');
	console.log(`State:    curl ${sandbox.url}/_sandbox/callgoose`);
	console.log(`Requests: curl ${sandbox.url}/_sandbox/callgoose/requests`);
	console.log('Press Ctrl-C to stop.');

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
