/** `npm run events:generate`: writes JSON Schemas, examples and the event catalog from events/src. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderArtifacts } from '../events/src/artifacts.js';

for (const [path, content] of renderArtifacts()) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote ${path}`);
}
