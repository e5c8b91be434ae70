// A worker thread's entry: loads the TypeScript sources through tsx (however the main thread was started), then
// validates the statements it is sent. See BackgroundValidation in validate.ts.
import { register } from 'tsx/esm/api';

register();
await import('./validate-worker.ts');
