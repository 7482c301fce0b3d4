// A value made only when something first reads it. A bulk of 10,000 page views kept each
// entry's occurrences (from the parse) and decoded values (from its checks) until the bulk was
// announced, after its answer: some 20 MB that the young generation's collections copied and
// promoted to the old one while the bulk was read, most of the collector's time before the
// answer. Nothing reads them before the announcement (the stored line and the answer need
// neither), and most listeners never do: the entry's text and parameters, which everyone keeps
// anyway, make them again, exactly as the parse and the checks made them.
//
// The value stands in a Proxy of an empty array or object of the same kind (Array.isArray,
// JSON.stringify, spreads and for…of all see the made value), so every reader keeps working
// unchanged; a reader that must not make the value asks isBuiltOnRead first.

/** Answered by the proxy itself, without making the value. */
const BUILT_ON_READ = Symbol('builtOnRead');

/**
 * Forwards every operation to the value, made on the first one by `make(a, b)`: a function of
 * the module and its two inputs, rather than a closure per value (a function and its context
 * each, thousands of times in a bulk).
 */
class OnRead<T extends object, A, B> implements ProxyHandler<T> {
  #make: ((a: A, b: B) => T) | null;
  #a: A | null;
  #b: B | null;
  #value: T | null = null;

  constructor(make: (a: A, b: B) => T, a: A, b: B) {
    this.#make = make;
    this.#a = a;
    this.#b = b;
  }

  #made(): T {
    if (this.#value === null) {
      this.#value = (this.#make as (a: A, b: B) => T)(this.#a as A, this.#b as B);
      // Made once: its inputs are not needed again.
      this.#make = null;
      this.#a = null;
      this.#b = null;
    }
    return this.#value;
  }

  get(_target: T, key: string | symbol): unknown {
    if (key === BUILT_ON_READ) return true;
    return Reflect.get(this.#made(), key);
  }

  set(_target: T, key: string | symbol, value: unknown): boolean {
    return Reflect.set(this.#made(), key, value);
  }

  has(_target: T, key: string | symbol): boolean {
    return Reflect.has(this.#made(), key);
  }

  ownKeys(): (string | symbol)[] {
    return Reflect.ownKeys(this.#made());
  }

  getOwnPropertyDescriptor(_target: T, key: string | symbol): PropertyDescriptor | undefined {
    return Reflect.getOwnPropertyDescriptor(this.#made(), key);
  }

  defineProperty(_target: T, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    return Reflect.defineProperty(this.#made(), key, descriptor);
  }

  deleteProperty(_target: T, key: string | symbol): boolean {
    return Reflect.deleteProperty(this.#made(), key);
  }

  getPrototypeOf(): object | null {
    return Reflect.getPrototypeOf(this.#made());
  }
}

/**
 * `make(a, b)`, made when first read. `empty` is an empty array or plain object, as the value
 * will be: it answers Array.isArray and typeof before the value exists.
 */
export function builtOnRead<T extends object, A, B>(
  empty: T,
  make: (a: A, b: B) => T,
  a: A,
  b: B,
): T {
  return new Proxy(empty, new OnRead(make, a, b));
}

/** True for a value of builtOnRead (made or not yet); reading this makes nothing. */
export function isBuiltOnRead(value: object): boolean {
  return (value as { [BUILT_ON_READ]?: true })[BUILT_ON_READ] === true;
}
