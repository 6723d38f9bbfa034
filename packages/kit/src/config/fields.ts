import { z } from 'zod';

/**
 * Zod fields for environment variables. Every message says what was expected, because the
 * start-up error prints it next to the variable's name.
 */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const envString = () => z.preprocess(blankToUndefined, z.string().optional());

export const envRequiredString = (what: string) =>
  z.preprocess(blankToUndefined, z.string({ error: `expected ${what}` }));

export const envInt = (fallback: number, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `expected an integer from ${min} to ${max}` })
      .int(`expected an integer from ${min} to ${max}`)
      .min(min, `expected an integer from ${min} to ${max}`)
      .max(max, `expected an integer from ${min} to ${max}`)
      .default(fallback),
  );

export const envPort = (fallback: number) => envInt(fallback, 1, 65535);

export const envBool = (fallback: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1' || value === 'yes'),
  );

const normalizeChoice = (value: unknown) =>
  typeof value === 'string' ? blankToUndefined(value.trim().toLowerCase()) : value;

/** One of `values`, or undefined when unset. */
export const envEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(normalizeChoice, z.enum(values, { error: `expected one of ${values.join(', ')}` }).optional());

/** One of `values`, `fallback` when unset. */
export const envChoice = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(
    normalizeChoice,
    z.enum(values, { error: `expected one of ${values.join(', ')}` }).default(fallback as never),
  );

export const envUrl = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((value) => URL.canParse(value), 'expected a URL such as http://host:port')
      .optional(),
  );

/** A comma separated list; empty items are dropped. */
export const envList = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item.length > 0),
      ),
  );
