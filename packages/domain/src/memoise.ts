/**
 * `make` remembered by its one argument: each key's value is made on first use and kept for the
 * life of the process. For small, fixed key sets only (locales, vocabulary ids): nothing is ever
 * evicted.
 */
export function memoise<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    if (made.has(key)) return made.get(key) as V;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}
