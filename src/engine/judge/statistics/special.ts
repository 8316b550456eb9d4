/**
 * The special functions the judge's tests need, in plain double precision
 * (no dependency: the engine bundles into every action). Each is checked in
 * `test/engine/judge/statistics/special.test.ts` against values from Python's
 * `math.lgamma` and `statistics.NormalDist`.
 */

/**
 * Standard normal CDF Φ(x), accurate to about 1e-15 in both tails: Hart's
 * algorithm 5666 as given by G. West, "Better approximations to cumulative
 * normal functions" (Wilmott, 2005). The tails matter here: a p-value of 1e-4
 * must not come out as 0 or 2e-4.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) {
    tail = 0;
  } else if (z < 7.07106781186547) {
    const e = Math.exp((-z * z) / 2);
    const num = polynomial(z, [220.206867912376, 221.213596169931, 112.079291497871, 33.912866078383, 6.37396220353165, 0.700383064443688, 3.52624965998911e-2]);
    const den = polynomial(z, [440.413735824752, 793.826512519948, 637.333633378831, 296.564248779674, 86.7807322029461, 16.064177579207, 1.75566716318264, 8.83883476483184e-2]);
    tail = (e * num) / den;
  } else {
    const e = Math.exp((-z * z) / 2);
    const fraction = z + 1 / (z + 2 / (z + 3 / (z + 4 / (z + 0.65))));
    tail = e / fraction / 2.506628274631;
  }
  return x > 0 ? 1 - tail : tail;
}

/** P(Z ≥ x) without the cancellation of `1 - normalCdf(x)` for large x. */
export function normalUpperTail(x: number): number {
  return normalCdf(-x);
}

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7), relative error about 1e-15. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const shifted = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (shifted + i);
  const t = shifted + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln C(n, k) for whole numbers 0 ≤ k ≤ n. */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (k === 0 || k === n) return 0;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * P(T ≥ t) for Student's t with `df` degrees of freedom (df > 0):
 * ½·I_{df/(df+t²)}(df/2, ½) = ½ − ½·I_{t²/(df+t²)}(½, df/2) for t ≥ 0, through
 * the regularized incomplete beta.
 */
export function studentUpperTail(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  // Near 0, df/(df + t²) rounds to 1 and loses t; its complement t²/(df + t²) keeps it.
  const square = t * t;
  const tail = square < df ? 0.5 - 0.5 * regularizedBeta(square / (df + square), 0.5, df / 2) : 0.5 * regularizedBeta(df / (df + square), df / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}

/**
 * I_x(a, b), the regularized incomplete beta function, by its continued
 * fraction evaluated with the modified Lentz method (Press, Teukolsky,
 * Vetterling & Flannery, "Numerical Recipes", 3rd ed., §6.4), using the
 * symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges fast.
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedBeta(1 - x, b, a);
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x)) / a;
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let fraction = d;
  for (let m = 1; m <= 300; m++) {
    for (const numerator of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + numerator / c;
      if (Math.abs(c) < tiny) c = tiny;
      fraction *= c * d;
    }
    if (Math.abs(c * d - 1) < 1e-15) break;
  }
  return front * fraction;
}

function polynomial(x: number, coefficients: readonly number[]): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i]!;
  return value;
}
