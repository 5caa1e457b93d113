/**
 * One variant in a fresh process, for the CPU and memory table: peak RSS only means something in
 * a process that ran nothing else. Started by the side-by-side benchmark as
 *   node --expose-gc -r bench/lib/register-ts.js bench/lib/worker.ts <ours|http|raw> <items> <sandbox URL>
 * against the benchmark's sandbox process; prints one JSON line (WorkerFigures). With `micro`
 * instead, it prints the per-item costs of our own code and of n8n's parameter reads
 * (MicroFigures), measured outside Jest.
 */
import { httpRequestDefaultVersion, loadHttpRequestNode } from './httpRequestNode';
import { measureOwnCost, type OwnCost } from './ownCost';
import { measureParameterReads, type ParameterReads } from './parameterReads';
import { median } from './report';
import { callgooseInput, runHttpCallgoose, runOursCallgoose, runRawCallgoose, type Target, type Timed } from './variants';

export type WorkerVariant = 'ours' | 'http' | 'raw';

export interface WorkerFigures {
	variant: WorkerVariant;
	items: number;
	ms: number;
	cpuMs: number;
	/** RSS after the warm-up and a full garbage collection, just before the measured run. */
	rssBefore: number;
	/** The process's peak RSS (it ran nothing bigger before the measured run). */
	peakRss: number;
	/** Output items the execution returned (the raw client: requests answered). */
	outputItems: number;
	/** Why the measured run failed, when it did (e.g. connections reset under 10,000 at once). */
	failed?: string;
}

export interface MicroFigures {
	own: OwnCost;
	reads: ParameterReads;
}

const WARM_UP_ITEMS = 200;

/** Each figure the median of `runs` measurements. */
async function micro(runs: number): Promise<MicroFigures> {
	const own: OwnCost[] = [];
	const reads: ParameterReads[] = [];
	for (let run = 0; run < runs; run++) {
		own.push(await measureOwnCost());
		reads.push(await measureParameterReads());
	}
	const medianOf = <T extends object>(values: T[]) =>
		Object.fromEntries(
			Object.keys(values[0]).map((name) => [name, median(values.map((value) => value[name as keyof T] as number))]),
		) as T;
	return { own: medianOf(own), reads: medianOf(reads) };
}

async function main() {
	if (process.argv[2] === 'micro') {
		process.stdout.write(`${JSON.stringify(await micro(Number(process.argv[3] ?? 5)))}\n`);
		return;
	}
	const [variant, itemsText, url] = process.argv.slice(2) as [WorkerVariant, string, string];
	const items = Number(itemsText);
	const target: Target = {
		baseUrls: { callgoose: `${url}/callgoose`, ccai: `${url}/ccai/apps/api/v1`, gosquared: `${url}/gosquared` },
	};
	const version = variant === 'http' ? httpRequestDefaultVersion(await loadHttpRequestNode()) : 0;
	const run = async (count: number, first: number): Promise<{ timed: Timed; outputItems: number }> => {
		const input = callgooseInput(count, first);
		if (variant === 'raw') return { timed: await runRawCallgoose(target, input, 10), outputItems: count };
		const timed =
			variant === 'ours' ? await runOursCallgoose(target, input) : await runHttpCallgoose(target, input, version);
		const node = variant === 'ours' ? 'Create Incident' : 'HTTP Request';
		const error = timed.result?.error(node);
		if (error) throw new Error(`${variant}: ${error.message}`);
		return { timed, outputItems: timed.result?.output(node).length ?? 0 };
	};

	// Warm-up: loads what the first request loads, and lets the JIT compile the hot paths.
	await run(WARM_UP_ITEMS, 1_000_000);
	global.gc?.();
	const rssBefore = process.memoryUsage.rss();
	let figures: WorkerFigures;
	try {
		const { timed, outputItems } = await run(items, 0);
		figures = {
			variant,
			items,
			ms: timed.ms,
			cpuMs: timed.cpuMs,
			rssBefore,
			peakRss: process.resourceUsage().maxRSS * 1024,
			outputItems,
		};
	} catch (error) {
		const failed = error instanceof Error ? error.message : String(error);
		figures = { variant, items, ms: 0, cpuMs: 0, rssBefore, peakRss: 0, outputItems: 0, failed };
	}
	process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	},
);
