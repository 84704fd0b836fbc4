// Carries a request id through code that route() does not wrap (next-auth's handler calls
// authorize() deep inside): the /api/auth route runs next-auth inside this scope and answers
// with the same id in x-request-id, so a sign-in's audit row can be matched to its response.
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<string>();

export const withRequestId = <T>(requestId: string, fn: () => T): T => scope.run(requestId, fn);

export const currentRequestId = (): string | null => scope.getStore() ?? null;
