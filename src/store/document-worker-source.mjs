// The document worker when running from the TypeScript sources (tests, `npm run yusuan`, the CLI
// without a build): load tsx's loader in this thread, then the worker itself. The compiled build
// runs dist/store/document-worker.js directly.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./document-worker.ts');
export default worker.default;
