// Architecture invariant 1: machines are pure and import nothing but xstate and themselves.
// This test reads the sources of machines/. It gets `fs` and `path` through `process.getBuiltinModule`
// (not an import), so that this file obeys the same import rule it checks.

const fs = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');

const MACHINES_DIR = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

/** Module specifiers of static imports/exports, side-effect imports, dynamic `import()` and `require()`. */
function moduleSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]));
}

const files = sourceFiles(MACHINES_DIR);
const isSpec = (file: string) => /\.spec\.ts$/.test(file);

describe('machines/ purity (architecture invariant 1)', () => {
  it('finds the trajectory sources', () => {
    const names = files.map((file) => path.relative(MACHINES_DIR, file));
    expect(names).toEqual(
      expect.arrayContaining([
        path.join('trajectory', 'trajectory.machine.ts'),
        path.join('trajectory', 'trajectory.rules.ts'),
        path.join('trajectory', 'trajectory.types.ts'),
        path.join('trajectory', 'trajectory.inspect.ts'),
        path.join('trajectory', 'index.ts'),
      ]),
    );
  });

  it('recognises every kind of import it checks', () => {
    // Keywords are spelled with placeholders so that this file's own scan does not see these samples.
    const sample = [
      "%import% { a } from 'xstate';",
      "%import% type {\n  B,\n} from './b';",
      "%export% * from '../c';",
      "%import% 'side-effect';",
      "const d = %require%('node:fs');",
      "const e = await %import%('pg');",
    ]
      .join('\n')
      .replace(/%(import|export|require)%/g, '$1');
    expect(moduleSpecifiers(sample).sort()).toEqual(
      ['../c', './b', 'node:fs', 'pg', 'side-effect', 'xstate'].sort(),
    );
  });

  it.each(files.map((file) => [path.relative(MACHINES_DIR, file), file]))(
    '%s imports only xstate and relative paths inside machines/',
    (_name, file) => {
      const specifiers = moduleSpecifiers(fs.readFileSync(file, 'utf8'));
      for (const specifier of specifiers) {
        if (specifier.startsWith('.')) {
          const target = path.resolve(path.dirname(file), specifier);
          expect(path.relative(MACHINES_DIR, target).startsWith('..')).toBe(false);
        } else {
          expect(specifier).toMatch(/^xstate(\/[\w.-]+)*$/);
        }
      }
    },
  );

  it('the machine file imports only xstate and its own rules and types', () => {
    const source = fs.readFileSync(path.join(MACHINES_DIR, 'trajectory', 'trajectory.machine.ts'), 'utf8');
    expect(moduleSpecifiers(source).sort()).toEqual(['./trajectory.rules', './trajectory.types', 'xstate']);
  });

  it.each(files.filter((file) => !isSpec(file)).map((file) => [path.relative(MACHINES_DIR, file), file]))(
    '%s reads no clock, randomness or process state',
    (_name, file) => {
      const source = fs.readFileSync(file, 'utf8');
      expect(source).not.toMatch(
        /\bDate\.now\s*\(|\bnew Date\s*\(\s*\)|\bMath\.random\b|\bprocess\.|\brequire\s*\(/,
      );
    },
  );
});
