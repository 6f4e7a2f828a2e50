import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIAGRAM_FORMATS, type DiagramFormat } from '../outputs/output-paths.js';
import { jsonErrorOffset, lineColumnAt, propertyOffset, valueOffset } from './text-position.js';

/** What a config file may set: the paths, `--out-dir` and `--diagram` of the command line. */
export interface GeneratorConfig {
  readonly paths?: readonly string[];
  readonly outDir?: string;
  readonly diagram?: DiagramFormat;
}

export type ConfigReading =
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly file: string; readonly config: GeneratorConfig }
  /** A located usage error: `file:line:column: what is wrong`. */
  | { readonly kind: 'invalid'; readonly message: string };

export const CONFIG_FILE = 'smf-gen.config.json';
const PACKAGE_KEY = 'smf-gen';

class ConfigError extends Error {}

async function readText(cwd: string, name: string): Promise<string | undefined> {
  try {
    return await readFile(join(cwd, name), 'utf8');
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError(`${name}: cannot be read (${code ?? String(error)})`);
  }
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      `${name}:${lineColumnAt(text, jsonErrorOffset(text, message))}: ${message}`,
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the settings, whose object starts at `start` of `text`, naming where a problem is. */
function validate(value: unknown, text: string, name: string, start: number): GeneratorConfig {
  const at = (key: string | undefined, problem: string) => {
    const offset = key === undefined ? start : (propertyOffset(text, key, start) ?? start);
    return new ConfigError(`${name}:${lineColumnAt(text, offset)}: ${problem}`);
  };
  if (!isPlainObject(value)) throw at(undefined, 'the smf-gen settings must be an object');
  const config: { paths?: string[]; outDir?: string; diagram?: DiagramFormat } = {};
  for (const [key, setting] of Object.entries(value)) {
    if (key === 'paths') {
      if (!Array.isArray(setting) || !setting.every((path) => typeof path === 'string')) {
        throw at(key, '`paths` must be an array of strings (files, folders or globs)');
      }
      config.paths = setting as string[];
    } else if (key === 'outDir') {
      if (typeof setting !== 'string') throw at(key, '`outDir` must be a string');
      config.outDir = setting;
    } else if (key === 'diagram') {
      if (!DIAGRAM_FORMATS.some((format) => format === setting)) {
        throw at(key, `\`diagram\` must be "mermaid" or "dot", got ${JSON.stringify(setting)}`);
      }
      config.diagram = setting as DiagramFormat;
    } else {
      throw at(key, `unknown setting '${key}' (smf-gen reads paths, outDir and diagram)`);
    }
  }
  return config;
}

async function readConfigFile(cwd: string): Promise<GeneratorConfig | undefined> {
  const text = await readText(cwd, CONFIG_FILE);
  if (text === undefined) return undefined;
  const value = parseJson(text, CONFIG_FILE);
  return validate(value, text, CONFIG_FILE, /\S/.exec(text)?.index ?? 0);
}

async function readPackageKey(cwd: string): Promise<GeneratorConfig | undefined> {
  const text = await readText(cwd, 'package.json');
  if (text === undefined) return undefined;
  // A package.json that does not parse is npm's problem, unless it was meant to configure smf-gen.
  if (!text.includes(`"${PACKAGE_KEY}"`)) return undefined;
  const manifest = parseJson(text, 'package.json');
  if (!isPlainObject(manifest) || !Object.hasOwn(manifest, PACKAGE_KEY)) return undefined;
  const key = propertyOffset(text, PACKAGE_KEY, text.indexOf('{')) ?? 0;
  return validate(manifest[PACKAGE_KEY], text, 'package.json', valueOffset(text, key));
}

/**
 * The settings of `smf-gen.config.json` or of the `"smf-gen"` key of package.json in `cwd` (the
 * folder smf-gen runs in; their paths are relative to it). Both at once is an error: one of them
 * would be silently ignored.
 */
export async function readGeneratorConfig(cwd: string): Promise<ConfigReading> {
  try {
    const fromFile = await readConfigFile(cwd);
    const fromPackage = await readPackageKey(cwd);
    if (fromFile !== undefined && fromPackage !== undefined) {
      return {
        kind: 'invalid',
        message: `both ${CONFIG_FILE} and the "${PACKAGE_KEY}" key of package.json configure smf-gen: keep one`,
      };
    }
    if (fromFile !== undefined) return { kind: 'found', file: CONFIG_FILE, config: fromFile };
    if (fromPackage !== undefined)
      return { kind: 'found', file: 'package.json', config: fromPackage };
    return { kind: 'none' };
  } catch (error) {
    if (error instanceof ConfigError) return { kind: 'invalid', message: error.message };
    throw error;
  }
}
