import { describe, expect, it } from 'vitest';
import { formatChange, formatP, formatValue, significant } from '../../../src/engine/judge/format.js';

describe('format', () => {
  it('shows rates as percentages and series in their own unit', () => {
    expect(formatValue('ratio', 0.041)).toBe('4.1%');
    expect(formatValue('ratio', 0.00123456)).toBe('0.123%');
    expect(formatValue('series', 217.7)).toBe('217.7');
    expect(formatValue('series', 15000)).toBe('15000');
    expect(formatValue('ratio', null)).toBe('no data');
  });

  it('signs changes and marks a change from zero', () => {
    expect(formatChange(3.5556)).toBe('+356%');
    expect(formatChange(-0.2)).toBe('−20%');
    expect(formatChange(0)).toBe('±0%');
    expect(formatChange(Infinity)).toBe('+∞');
  });

  it('compares p with its level, tiny p in exponent form', () => {
    expect(formatP(0.0003, 0.01)).toBe('p=0.0003 < 0.01');
    expect(formatP(0.31, 0.01)).toBe('p=0.31 ≥ 0.01');
    expect(formatP(2.17e-6, 0.01)).toBe('p=2.2e-6 < 0.01');
    expect(significant(0)).toBe('0');
    expect(significant(NaN)).toBe('NaN');
  });
});
