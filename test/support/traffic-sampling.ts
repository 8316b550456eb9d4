// Random counts for the judge benches' simulated traffic, from one seeded
// uniform source so every run of a bench sees the same traffic.

/** A standard normal draw (Box–Muller). */
export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Poisson(mean): exact by multiplication for small means, the normal approximation above 60. */
export function poisson(random: () => number, mean: number): number {
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random(); product > limit; product *= random()) count++;
  return count;
}

/** Binomial(n, p): exact for small n, normal or Poisson approximations where those are close. */
export function binomial(random: () => number, n: number, p: number): number {
  if (p <= 0 || n === 0) return 0;
  if (p >= 1) return n;
  if (n * p > 30 && n * (1 - p) > 30) return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal(random))));
  if (n < 200) {
    let count = 0;
    for (let i = 0; i < n; i++) if (random() < p) count++;
    return count;
  }
  return p < 0.5 ? Math.min(n, poisson(random, n * p)) : n - Math.min(n, poisson(random, n * (1 - p)));
}

/** n requests spread over cells with probabilities `p` (summing to 1), one binomial per cell. */
export function multinomial(random: () => number, n: number, p: readonly number[]): number[] {
  const counts: number[] = [];
  let left = n;
  let mass = 1;
  for (const share of p.slice(0, -1)) {
    const count = mass > 0 ? binomial(random, left, Math.min(1, share / mass)) : 0;
    counts.push(count);
    left -= count;
    mass -= share;
  }
  counts.push(left);
  return counts;
}
