// A value made only when something first reads it. A bulk of 10,000 page views kept each
// entry's occurrences (from the parse) and decoded values (from its checks) until the bulk was
// announced, after its answer: some 20 MB that the young generation's collections copied and
// promoted to the old one while the bulk was read, most of the collector's time before the
// answer. Nothing reads them before the announcement (the stored line and the answer need
// neither), and most listeners never do: the entry's text and parameters, which everyone keeps
// anyway, make them again, exactly as the parse and the checks made them.
//
// The value stands in a Proxy of an array or an object of the same kind (Array.isArray,
// JSON.stringify, spreads and for…of all see the made value), so every reader keeps working
// unchanged; a reader that must not make the value asks isBuiltOnRead first.

/** Answered by the proxy itself, without making the value. */
const BUILT_ON_READ = Symbol('builtOnRead');

type Make = (a: unknown, b: unknown) => object;

/**
 * The target of a record made on read, which holds what the record is made from and then the
 * record. Every proxy shares one handler: a handler of its own per value, beside the target,
 * was one more object per hit that the young generation's collections copied while a bulk of
 * thousands was read. The fields are private, so they are no property a reader could meet.
 */
class RecordTarget {
  #make: Make | null;
  #a: unknown;
  #b: unknown;
  #value: object | null = null;

  constructor(make: Make, a: unknown, b: unknown) {
    this.#make = make;
    this.#a = a;
    this.#b = b;
  }

  made(): object {
    if (this.#value === null) {
      this.#value = (this.#make as Make)(this.#a, this.#b);
      // Made once: its inputs are not needed again.
      this.#make = null;
      this.#a = null;
      this.#b = null;
    }
    return this.#value;
  }
}

/**
 * The target of a list made on read must be an array (Array.isArray and JSON.stringify ask the
 * target): it holds `make`, `a` and `b` as its items until the list is made, then the list alone.
 * Every operation on the proxy goes to the made list, so nobody sees these items.
 */
function madeList(target: unknown[]): object {
  if (target.length === 3) {
    const value = (target[0] as Make)(target[1], target[2]);
    target.length = 1;
    target[0] = value;
  }
  return target[0] as object;
}

const madeOf = (target: object): object =>
  target instanceof RecordTarget ? target.made() : madeList(target as unknown[]);

/** Forwards every operation to the value, made on the first one. */
const forwarding: ProxyHandler<object> = {
  get: (target, key) => (key === BUILT_ON_READ ? true : Reflect.get(madeOf(target), key)),
  set: (target, key, value) => Reflect.set(madeOf(target), key, value),
  has: (target, key) => Reflect.has(madeOf(target), key),
  ownKeys: (target) => Reflect.ownKeys(madeOf(target)),
  getOwnPropertyDescriptor: (target, key) => Reflect.getOwnPropertyDescriptor(madeOf(target), key),
  defineProperty: (target, key, descriptor) =>
    Reflect.defineProperty(madeOf(target), key, descriptor),
  deleteProperty: (target, key) => Reflect.deleteProperty(madeOf(target), key),
  getPrototypeOf: (target) => Reflect.getPrototypeOf(madeOf(target)),
};

/**
 * `make(a, b)`, made when first read: a function of the module and its two inputs, rather
 * than a closure per value (a function and its context each, thousands of times in a bulk).
 * `empty` is an empty array or plain object, as the value will be: it says which kind the
 * value is before it exists (Array.isArray, typeof).
 */
export function builtOnRead<T extends object, A, B>(
  empty: T,
  make: (a: A, b: B) => T,
  a: A,
  b: B,
): T {
  const target = Array.isArray(empty) ? [make, a, b] : new RecordTarget(make as Make, a, b);
  return new Proxy(target, forwarding) as T;
}

/** True for a value of builtOnRead (made or not yet); reading this makes nothing. */
export function isBuiltOnRead(value: object): boolean {
  return (value as { [BUILT_ON_READ]?: true })[BUILT_ON_READ] === true;
}
