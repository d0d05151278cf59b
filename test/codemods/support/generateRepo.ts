/** A generated repository of many small files for the pool and crash-safety tests. */
import { writeFiles } from './repos';

/** `count` files: most rename a call, every fifth splits into a created file, the rest stay as they are. */
export function generateRepo(root: string, count: number, extra: Record<string, string> = {}): void {
  const files: Record<string, string> = { 'package.json': '{ "name": "generated" }\n', ...extra };
  for (let i = 0; i < count; i += 1) {
    const dir = `packages/p${Math.floor(i / 10)}/src`;
    if (i % 5 === 0) files[`${dir}/splitter${i}/index.ts`] = `export function splitMe() {\n  return ${i};\n}\nexport const n${i} = ${i};\n`;
    else if (i % 5 === 4) files[`${dir}/plain${i}.ts`] = `export const plain${i} = ${i};\n`;
    else files[`${dir}/file${i}.ts`] = `import { legacyCall } from 'legacy';\n\nexport const value${i} = legacyCall(${i}, 'x');\n`;
  }
  writeFiles(root, files);
}
