/**
 * Evaluated in every fresh QuickJS context before the user's code. It receives the one host
 * function (the output writer) as an argument, so the function never becomes a global, keeps its
 * own copies of JSON and friends (user code may replace the globals), and returns the helpers the
 * host calls: parseArgs, encodeResult and describeError (which cuts what a thrown value says to a
 * size the host can copy).
 */
export const JAVASCRIPT_PRELUDE = String.raw`(function (write, outputLimit, resultLimit) {
  'use strict';
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const isArray = Array.isArray;
  const isFiniteNumber = Number.isFinite;
  const toText = String;
  const format = (value) => {
    if (typeof value === 'string') return value;
    try {
      const text = stringify(value);
      return text === undefined ? toText(value) : text;
    } catch (error) {
      return toText(value);
    }
  };
  const log = (...items) => {
    let text = items.map(format).join(' ') + '\n';
    if (text.length > outputLimit) text = text.slice(0, outputLimit);
    write(text);
  };
  globalThis.console = { log, info: log, warn: log, error: log, debug: log, trace: log };
  const describe = (value) => (value === null ? 'null' : isArray(value) ? 'an array' : typeof value);
  const strict = (key, value) => {
    const kind = typeof value;
    if (kind === 'function' || kind === 'symbol' || kind === 'bigint' || (kind === 'number' && !isFiniteNumber(value))) {
      const shown = kind === 'number' ? toText(value) : 'a ' + kind;
      throw new TypeError('the value of "' + key + '" (' + shown + ') cannot be converted to JSON');
    }
    return value;
  };
  const read = (value, key) => {
    try {
      const item = value[key];
      return typeof item === 'string' ? item : undefined;
    } catch (error) {
      return undefined;
    }
  };
  return {
    parseArgs: (json) => parse(json),
    describeError: (value) => {
      const isObject = (typeof value === 'object' && value !== null) || typeof value === 'function';
      const name = (isObject && read(value, 'name')) || 'Error';
      const message = (isObject ? read(value, 'message') : undefined) ?? format(value);
      const stack = (isObject && read(value, 'stack')) || '';
      return stringify({ name: name.slice(0, 200), message: message.slice(0, 4000), stack: stack.slice(0, 20000) });
    },
    encodeResult: (value) => {
      if (value === null || typeof value !== 'object' || isArray(value)) {
        throw new TypeError('main must return an object; it returned ' + describe(value));
      }
      const json = stringify(value, strict);
      if (json.length > resultLimit) {
        throw new RangeError('the object returned by main is ' + json.length + ' characters of JSON; the limit is ' + resultLimit);
      }
      return json;
    },
  };
})`;
