import * as z from 'zod';

export interface Channel<I extends z.ZodType, O> {
  input: I;
  /** Type-level only: carries the output type. */
  output?: O;
}

/** `channel<Output>()(inputSchema)`: the output type is given, the input type inferred. */
export function channel<O>() {
  return <I extends z.ZodType>(input: I): Channel<I, O> => ({ input });
}

/** For channels that take no input. */
export const none = z.strictObject({}).optional();
