/**
 * The renderer's only way to reach main: `api.partners.list()`, typed by the shared contract.
 * Errors come back as ApiError carrying the French message and the per-field details.
 */
import type { ChannelName, InputOf, MaillageBridge, OutputOf } from '../../shared/api';
import { ApiError } from '../../shared/errors';

declare global {
  interface Window {
    maillage: MaillageBridge;
  }
}

async function invoke<C extends ChannelName>(channel: C, input?: InputOf<C>): Promise<OutputOf<C>> {
  const result = await window.maillage.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
  return result.value;
}

type Domain<C> = C extends `${infer D}.${string}` ? D : never;
type Method<C, D extends string> = C extends `${D}.${infer M}` ? M : never;
type Call<C extends ChannelName> = undefined extends InputOf<C>
  ? (input?: InputOf<C>) => Promise<OutputOf<C>>
  : (input: InputOf<C>) => Promise<OutputOf<C>>;

type Api = {
  [D in Domain<ChannelName>]: { [M in Method<ChannelName, D>]: Call<Extract<`${D}.${M}`, ChannelName>> };
};

export const api = new Proxy({} as Api, {
  get: (_target, domain: string) =>
    new Proxy({}, { get: (_t, method: string) => (input?: unknown) => invoke(`${domain}.${method}` as ChannelName, input as never) }),
});

/** A message fit for a user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Une erreur inattendue est survenue ; rien n’a été modifié.';
}
