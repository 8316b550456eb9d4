/** Two tallies of the same counts added field by field (a suite's and its children's, one shard's and the next). */
export function addCounts<T extends { [K in keyof T]: number }>(a: T, b: T): T {
  const sum = { ...a };
  for (const key of Object.keys(a) as (keyof T)[]) sum[key] = (a[key] + b[key]) as T[keyof T];
  return sum;
}
