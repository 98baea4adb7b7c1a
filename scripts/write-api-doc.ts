import { writeFileSync } from 'node:fs';
import { renderApiDoc } from './api-doc.js';

writeFileSync(new URL('../docs/API.md', import.meta.url), renderApiDoc());
console.log('wrote docs/API.md');
