// Browser tests drive Debian's Chromium; without it they must fail loudly, never skip.
// On a fresh machine where we may (root, apt-get present — a clean container, CI), install it
// ourselves, saying so in one line; otherwise stop with the command to run.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-dejavu-core', 'fonts-liberation'];
const COMMAND = `apt-get install -y ${PACKAGES.join(' ')}`;

const present = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
/** The fonts matter as much as the browser: Cyrillic must render in screenshots and text checks. */
const fontsPresent = () => {
  try {
    execFileSync('dpkg', ['-s', 'fonts-dejavu-core', 'fonts-liberation'], { stdio: 'ignore' });
    return true;
  } catch {
    return !present('/usr/bin/dpkg'); // not Debian: fonts are the machine's business
  }
};

if (!present(CHROMIUM) || !fontsPresent()) {
  const mayInstall = process.getuid?.() === 0 && present('/usr/bin/apt-get') && process.env.KLASSNY_NO_APT !== '1';
  if (!mayInstall) {
    console.error(`Chromium or its fonts not found: install them with "${COMMAND}" (Debian), then re-run the tests.`);
    process.exit(1);
  }
  console.error(`Chromium or its fonts not found: installing ${PACKAGES.join(', ')} from Debian (apt-get, about a minute)…`);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PACKAGES], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch {
    console.error(`Installing Chromium failed: run "${COMMAND}" yourself, then re-run the tests.`);
    process.exit(1);
  }
  if (!present(CHROMIUM)) {
    console.error(`Chromium is still missing after the install: run "${COMMAND}" yourself, then re-run the tests.`);
    process.exit(1);
  }
}
