/**
 * Objects built from what users give. Assigning `object[key] = value` drops a key named
 * `__proto__` (it sets the prototype instead), so a payload key, custom variable or answer field
 * of that name would vanish silently. These helpers keep every key as data.
 */

/** Sets `key` on `target` as an own, enumerable data property, whatever the key. */
export function setOwn<T extends object>(target: T, key: string, value: unknown): T {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	return target;
}

/** Whether `target` itself has `key` (not its prototype: `constructor`, `toString`, ...). */
export function hasOwn(target: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(target, key);
}
