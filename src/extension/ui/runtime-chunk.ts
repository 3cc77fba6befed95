// Shapes the bundle: the entry of the one chunk that holds the services and the ui, the code every
// feature shares at run time. Chunks are cut by which lazily loaded modules reach a file, so every
// lazy entry (each feature, through command-table.ts, and the activation's own imports) comes
// through here: the shared code lands in one chunk instead of a dozen slivers, each with its own
// module wrapper in the .vsix.
// The rules of automatic texts, shared by two features (notify, agent): here, not a chunk of their own.
import '../../core/notify/automatic';
import './args';
import './payload-document';
import './presenter';
import './prompts';
import './recipient-picker';
import './token';
import './webview';

export { redact } from '../../core/redact';
export { says } from '../../core/untrusted-text';
export { tell } from './prompts';
export { Services } from '../services';
export { adoptSandboxToken } from '../services/sandbox-token';
export { sendQuietly } from './send';
