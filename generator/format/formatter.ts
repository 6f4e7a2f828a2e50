/** Formats generated TypeScript for its output path with the user's prettier options. */
export interface Formatter {
  format(text: string, outputFile: string): Promise<string>;
  close(): Promise<void>;
}

/** Prettier in this thread; loaded on first use. */
export function createInProcessFormatter(): Formatter {
  return {
    async format(text, outputFile) {
      const { formatTypeScript } = await import('./format-typescript.js');
      return formatTypeScript(text, outputFile);
    },
    async close() {},
  };
}
