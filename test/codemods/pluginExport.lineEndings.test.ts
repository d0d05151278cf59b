/** plugin-export: byte-order marks and `\r\n` line endings survive, in the edited file and the new one. */
import { MANIFEST, WINSTON_ROUTER, applyEntry, created } from './support/pluginExportEntry';

describe('line endings and byte-order marks', () => {
  it('keeps a BOM where it was and marks the right line', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "\uFEFFexport * from './service/router';\n",
      'src/service/router.ts': `\uFEFF${WINSTON_ROUTER}`,
    };
    const result = applyEntry(files);
    const router = result.files.find((f) => f.path === 'src/service/router.ts') as { source: string };
    expect(router.source).toBe(
      `\uFEFF${WINSTON_ROUTER.replace('export async function', `/** @deprecated Install the plugin in the new backend system instead: \`backend.add(import('@internal/plugin-x-backend'))\`. */\nexport async function`)}`,
    );
    expect((result.files[0] as { source: string }).source.startsWith('\uFEFFexport * from')).toBe(true);
    expect(created(result).startsWith('import')).toBe(true);
  });

  it('keeps \\r\\n files in \\r\\n, new file included', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': crlf("export * from './service/router';\n"),
      'src/service/router.ts': crlf(WINSTON_ROUTER),
    };
    const result = applyEntry(files);
    expect(result.files.map((f) => f.status)).toEqual(['ok', 'ok', 'created']);
    for (const outcome of result.files) {
      const source = (outcome as { source: string }).source;
      expect({ path: outcome.path, loneLf: /[^\r]\n/.test(source) }).toEqual({ path: outcome.path, loneLf: false });
    }
    expect((result.files[0] as { source: string }).source).toBe(
      crlf("export * from './service/router';\nexport { xPlugin as default } from './plugin';\n"),
    );
  });
});
