/** Child process for the crash-safety test: `forklift migrate <dir> --force` with the test transforms. */
import { main } from '../../../codemods/cli';
import { TEST_TRANSFORMS } from './repos';

void main(['node', 'forklift', 'migrate', process.argv[2], '--force'], process, { transformsModule: TEST_TRANSFORMS }).then((code) =>
  process.exit(code),
);
