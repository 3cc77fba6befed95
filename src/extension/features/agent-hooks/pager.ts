import type { Decision } from '../../../core/agent-hooks/answers';
import type { HookEvent } from '../../../core/agent-hooks/events';
import type { Services } from '../../services';

// replaced by the pager branch
export async function page(_s: Services, _event: HookEvent, _context: { deadline: number; signal: AbortSignal }): Promise<Decision> {
  return { kind: 'none' };
}
