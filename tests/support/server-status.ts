import type { Server } from './server-urls.js';

/** Which servers answered the probe that runs once before the tests (servers-global-setup.ts). */
export type ServerStatus = Readonly<Record<Server, boolean>>;

declare module 'vitest' {
  interface ProvidedContext {
    smfServers: ServerStatus;
  }
}
