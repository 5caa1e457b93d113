/**
 * `npm run release`'s CHANGELOG handling and the tag check the publish workflow runs
 * (scripts/release.js), on the real CHANGELOG.md and package.json.
 */
import { readFileSync } from 'fs';
import path from 'path';

import { nextVersion, releaseChangelog, tagProblem } from '../../scripts/release';
import { ROOT } from '../helpers/n8n';

const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const repositoryUrl = 'https://github.com/example/n8n-nodes-example.git';

test('the CHANGELOG is in Keep a Changelog form, starts at 0.1.0 and has an [Unreleased] section', () => {
	const versions = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((match) => [match[1], match[2]]);
	expect(versions[0]).toEqual(['Unreleased', undefined]);
	expect(versions.at(-1)?.[0]).toBe('0.1.0');
	expect(versions.slice(1).every(([, date]) => date !== undefined)).toBe(true);
	expect(changelog).toMatch(/^\[Unreleased\]: https:\/\/github\.com\/.+\/compare\/.+\.\.\.HEAD$/m);
	expect(tagProblem(pkg.version, pkg.version, changelog)).toBeUndefined();
});

test('a release moves the [Unreleased] entries under the new version and updates the links', () => {
	const text = [
		'# Changelog',
		'',
		'## [Unreleased]',
		'',
		'### Fixed',
		'',
		'- A fix.',
		'',
		'## [0.1.0] - 2026-01-01',
		'',
		'- First.',
		'',
		'[Unreleased]: https://github.com/example/n8n-nodes-example/compare/0.1.0...HEAD',
		'[0.1.0]: https://github.com/example/n8n-nodes-example/releases/tag/0.1.0',
		'',
	].join('\n');
	const released = releaseChangelog(text, { version: '0.2.0', date: '2026-02-03', repositoryUrl });
	expect(released).toBe(
		[
			'# Changelog',
			'',
			'## [Unreleased]',
			'',
			'## [0.2.0] - 2026-02-03',
			'',
			'### Fixed',
			'',
			'- A fix.',
			'',
			'## [0.1.0] - 2026-01-01',
			'',
			'- First.',
			'',
			'[Unreleased]: https://github.com/example/n8n-nodes-example/compare/0.2.0...HEAD',
			'[0.2.0]: https://github.com/example/n8n-nodes-example/compare/0.1.0...0.2.0',
			'[0.1.0]: https://github.com/example/n8n-nodes-example/releases/tag/0.1.0',
			'',
		].join('\n'),
	);
	expect(tagProblem('0.2.0', '0.2.0', released)).toBeUndefined();
	expect(tagProblem('0.2.0', '0.2.0', text)).toMatch(/no "## \[0\.2\.0\] - <date>" section/);
	expect(tagProblem('v0.2.0', '0.2.0', released)).toMatch(/not package\.json's version/);
});

test('a release refuses an empty [Unreleased], a version that is not higher, and a version already released', () => {
	const empty = '# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-01-01\n\n- First.\n';
	expect(() => releaseChangelog(empty, { version: '0.2.0', date: '2026-02-03', repositoryUrl })).toThrow(/no entries/);
	expect(() => releaseChangelog(changelog, { version: '0.1.0', date: '2026-02-03', repositoryUrl })).toThrow(/already has a section/);
	expect(nextVersion('0.1.0', 'patch')).toBe('0.1.1');
	expect(nextVersion('0.1.9', 'minor')).toBe('0.2.0');
	expect(nextVersion('0.9.3', 'major')).toBe('1.0.0');
	expect(() => nextVersion('0.2.0', '0.1.5')).toThrow(/not higher/);
	expect(() => nextVersion('0.2.0', 'next')).toThrow(/neither patch/);
});
