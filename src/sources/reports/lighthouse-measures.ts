import type { Dimension } from '../../engine/units.js';

/** Where a measure lives in an LHR, its dimension, and which direction is worse. */
export interface LighthouseMeasureSource {
  from: 'category' | 'audit';
  dimension: Dimension;
  worse: 'lower' | 'higher';
}

export const LIGHTHOUSE_MEASURES = {
  performance: { from: 'category', dimension: 'score', worse: 'lower' },
  accessibility: { from: 'category', dimension: 'score', worse: 'lower' },
  'best-practices': { from: 'category', dimension: 'score', worse: 'lower' },
  seo: { from: 'category', dimension: 'score', worse: 'lower' },
  'largest-contentful-paint': { from: 'audit', dimension: 'duration', worse: 'higher' },
  'first-contentful-paint': { from: 'audit', dimension: 'duration', worse: 'higher' },
  'total-blocking-time': { from: 'audit', dimension: 'duration', worse: 'higher' },
  'speed-index': { from: 'audit', dimension: 'duration', worse: 'higher' },
  interactive: { from: 'audit', dimension: 'duration', worse: 'higher' },
  'max-potential-fid': { from: 'audit', dimension: 'duration', worse: 'higher' },
  'server-response-time': { from: 'audit', dimension: 'duration', worse: 'higher' },
  'cumulative-layout-shift': { from: 'audit', dimension: 'number', worse: 'higher' },
  'total-byte-weight': { from: 'audit', dimension: 'bytes', worse: 'higher' },
  'dom-size': { from: 'audit', dimension: 'count', worse: 'higher' },
} as const satisfies Record<string, LighthouseMeasureSource>;
