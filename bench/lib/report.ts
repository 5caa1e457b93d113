/** Medians, Markdown tables and the machine line the benchmarks print. */
import os from 'os';

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const ratio = (value: number, reference: number) => `${(value / reference).toFixed(2)}×`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** A Markdown table, its columns padded so that it also reads well in a terminal. */
export function table(header: string[], rows: string[][]): string {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) =>
		`| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
	const rule = `|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
	return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Whether a target is met, with the figure that says so. */
export function target(description: string, met: boolean, figure: string, reason?: string): string {
	return `- ${met ? 'met' : 'NOT MET'}: ${description}: ${figure}${!met && reason ? `. ${reason}` : ''}`;
}

export function machine(): string {
	const cpus = os.cpus();
	const load = os.loadavg().map((value) => value.toFixed(2)).join(' ');
	return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average ${load}`;
}

export function print(text: string): void {
	process.stdout.write(`${text}\n`);
}
