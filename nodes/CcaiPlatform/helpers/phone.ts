/**
 * A small E.164 normaliser, enough to refuse numbers that cannot exist before a call is placed.
 * It is deliberately not a full numbering-plan library (the package has no dependencies): it
 * knows the country calling codes, the E.164 length limit, and the North American plan, which
 * covers most CCAI Platform tenants. CCAI Platform applies the full plans itself and answers
 * "end_user_number is not well-formed" for what gets past this check.
 */

/** ITU-T E.164 country calling codes in use. They are prefix-free, so reading 1-3 digits finds one. */
const COUNTRY_CODES = new Set(
	(
		'1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 ' +
		'81 82 84 86 90 91 92 93 94 95 98 ' +
		'211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 ' +
		'240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 ' +
		'266 267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 ' +
		'376 377 378 380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508 509 590 ' +
		'591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 ' +
		'688 689 690 691 692 800 808 850 852 853 855 856 870 878 880 881 882 883 886 888 960 961 962 963 964 ' +
		'965 966 967 968 970 971 972 973 974 975 976 977 979 992 993 994 995 996 998'
	).split(' '),
);

/** E.164: at most 15 digits after the +. */
const MAX_DIGITS = 15;
/** The shortest national numbers in use (e.g. Niue, Tokelau) have 4 digits. */
const MIN_NATIONAL_DIGITS = 4;

/** Separators people and CRMs put into phone numbers; they carry no meaning. */
const SEPARATORS = /[\s\u00a0\-.()/]/g;

export type PhoneResult =
	| { ok: true; e164: string }
	| { ok: false; problem: string };

/**
 * `+1 859-657-9625` → `+18596579625`. A leading `00` counts as `+`. A number without either is
 * refused: its country is unknown, and guessing it could ring the wrong person.
 */
export function normalizePhoneNumber(input: string): PhoneResult {
	let text = input.trim().replace(/^tel:/i, '');
	text = text.replace(SEPARATORS, '');
	if (text === '') return { ok: false, problem: 'is empty' };
	if (text.startsWith('00')) text = `+${text.slice(2)}`;
	if (!text.startsWith('+')) {
		if (/^\d+$/.test(text)) {
			return {
				ok: false,
				problem: `"${input.trim()}" has no country code: write it in international format, e.g. +1 859-657-9625`,
			};
		}
		return { ok: false, problem: `"${input.trim()}" is not a phone number` };
	}
	const digits = text.slice(1);
	if (!/^\d+$/.test(digits)) {
		return { ok: false, problem: `"${input.trim()}" is not a phone number: only digits may follow the +` };
	}
	const countryCode = [1, 2, 3].map((length) => digits.slice(0, length)).find((code) => COUNTRY_CODES.has(code));
	if (!countryCode) {
		return { ok: false, problem: `"${input.trim()}" does not start with a country calling code` };
	}
	const national = digits.slice(countryCode.length);
	if (digits.length > MAX_DIGITS) {
		return { ok: false, problem: `"${input.trim()}" is too long to be a phone number (more than 15 digits)` };
	}
	if (national.length < MIN_NATIONAL_DIGITS) {
		return { ok: false, problem: `"${input.trim()}" is too short to be a phone number` };
	}
	if (countryCode === '1') {
		const problem = northAmericanProblem(national);
		if (problem) return { ok: false, problem: `"${input.trim()}" cannot be a North American number: ${problem}` };
	}
	return { ok: true, e164: `+${digits}` };
}

/** The North American Numbering Plan: NPA-NXX-XXXX, where neither NPA nor NXX starts with 0 or 1. */
function northAmericanProblem(national: string): string | undefined {
	if (national.length !== 10) return `it needs 10 digits after +1, not ${national.length}`;
	const areaCode = national.slice(0, 3);
	const exchange = national.slice(3, 6);
	if (!/^[2-9]/.test(areaCode)) return `area codes do not start with ${areaCode[0]}`;
	if (/^[2-9]11$/.test(areaCode)) return `${areaCode} is a service code, not an area code`;
	if (areaCode[1] === '9') return `area codes of the form N9X (${areaCode}) are not in use`;
	if (!/^[2-9]/.test(exchange)) return `exchange codes do not start with ${exchange[0]}`;
	return undefined;
}
