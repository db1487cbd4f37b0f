// Browser tests drive Debian's Chromium; without it they must fail loudly, never skip.
import { accessSync, constants } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

try {
  accessSync(CHROMIUM, constants.X_OK);
} catch {
  console.error(
    'Chromium not found: install it with "apt-get install -y chromium fonts-dejavu-core fonts-liberation" (Debian), then re-run the tests.',
  );
  process.exit(1);
}
