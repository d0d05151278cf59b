/**
 * Prints, as JSON lines, whether the `tar` package is loaded: after the framework is imported, after a local readTree
 * and its files(), and after archive(), the first call that needs tar.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import '../../../../../framework';
import { ConfigReader } from '../../../../../framework/services/rootConfig';
import { AllowListUrlReader } from '../../../../../framework/services/urlReader';

const tarLoaded = () => Object.keys(require.cache).some((file) => file.includes(`${path.sep}node_modules${path.sep}tar${path.sep}`));

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-tar-on-demand-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.txt'), 'a');
    console.log(JSON.stringify({ step: 'import', tar: tarLoaded() }));
    const reader = AllowListUrlReader.fromConfig(new ConfigReader({ backend: { reading: { allow: [{ paths: [dir] }] } } }));
    const tree = await reader.readTree(dir);
    await tree.files();
    console.log(JSON.stringify({ step: 'files', tar: tarLoaded() }));
    await tree.archive();
    console.log(JSON.stringify({ step: 'archive', tar: tarLoaded() }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
