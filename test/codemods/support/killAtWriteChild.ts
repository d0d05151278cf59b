/**
 * Child process for the interruption tests: `forklift migrate <dir> --force` with the real transforms,
 * on a worker pool, that SIGKILLs itself just before its k-th change on disk (argv: dir, k). No cleanup
 * code of the run gets to execute: the disk is left exactly as a kill at that point leaves it.
 */
import { main } from '../../../codemods/cli';

const [dir, at] = process.argv.slice(2);
let writes = 0;
void main(['node', 'forklift', 'migrate', dir, '--force', '--json'], process, {
  workers: 2,
  beforeWrite() {
    writes += 1;
    if (writes === Number(at)) process.kill(process.pid, 'SIGKILL');
  },
}).then((code) => process.exit(code));
