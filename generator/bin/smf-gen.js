#!/usr/bin/env node
// The smf-gen command. A plain script rather than the compiled entry itself, so npm links it when
// the repository's workspaces are installed, before their first build.
await import('../dist/generator/main.js');
