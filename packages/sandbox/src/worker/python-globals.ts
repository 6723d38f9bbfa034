/**
 * The worker runs with --frozen-intrinsics, so that code which reaches JavaScript objects cannot
 * pollute prototypes shared with the host side of the worker. Pyodide's Emscripten glue writes a
 * `sig` property on Math functions and on clearTimeout as it boots; those globals are replaced by
 * wrappers it may write to. After the first boot the wrappers' `sig` becomes a fixed accessor
 * (later boots from the snapshot write the same value, which is then ignored) and they are frozen.
 */
type AnyFunction = (...args: unknown[]) => unknown;

const wrapped: AnyFunction[] = [];

function wrap(name: string, target: AnyFunction): AnyFunction {
  const wrapper = { [name]: (...args: unknown[]) => target(...args) }[name] as AnyFunction;
  wrapped.push(wrapper);
  return wrapper;
}

export function shadowEmscriptenGlobals(): void {
  const original = Math as unknown as Record<PropertyKey, unknown>;
  const shadow = Object.create(Object.getPrototypeOf(Math) as object) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(original)) {
    const descriptor = Object.getOwnPropertyDescriptor(original, key) as PropertyDescriptor;
    if (typeof descriptor.value === 'function') descriptor.value = wrap(String(key), descriptor.value as AnyFunction);
    Object.defineProperty(shadow, key, descriptor);
  }
  const clear = clearTimeout as unknown as AnyFunction;
  Object.defineProperty(globalThis, 'Math', { value: shadow, writable: false, configurable: false, enumerable: false });
  Object.defineProperty(globalThis, 'clearTimeout', { value: wrap('clearTimeout', clear), writable: false, configurable: false, enumerable: false });
  Object.freeze(shadow);
}

export function freezeShadowedGlobals(): void {
  for (const wrapper of wrapped) {
    const holder = wrapper as unknown as Record<string, unknown>;
    if (Object.hasOwn(holder, 'sig')) {
      const sig = holder.sig;
      Object.defineProperty(holder, 'sig', { get: () => sig, set: () => undefined, configurable: false });
    }
    Object.freeze(wrapper);
  }
}
