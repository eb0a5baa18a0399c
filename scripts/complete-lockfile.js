#!/usr/bin/env node
/**
 * The npm registry these machines reach serves only the linux-x64 builds of packages with per-platform
 * optional binaries (@swc/core-*, msgpackr-extract-*, ...). npm then leaves the other platforms out of
 * package-lock.json, and `npm ci` calls the lock file out of sync. This adds those optional entries back,
 * with their os/cpu/libc, so npm ci skips them on platforms they are not for.
 * Run it after any `npm install` that changed the lock file: `node scripts/complete-lockfile.js`.
 */
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
const OS = ['darwin', 'win32', 'android', 'freebsd', 'openbsd', 'sunos', 'aix', 'linux'];
const CPU = ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'arm'];

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]) continue;
    const version = range.replace(/^[=^~]/, '');
    if (!/^\d+\.\d+\.\d+\S*$/.test(version)) continue; // only exact versions can be pinned
    const os = OS.find((o) => name.includes(`-${o}`));
    const cpu = CPU.find((c) => new RegExp(`-${c}(-|$)`).test(name));
    const libc = /-musl/.test(name) ? 'musl' : /-gnu/.test(name) ? 'glibc' : undefined;
    packages[top] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc] } : {}),
    };
    added++;
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
