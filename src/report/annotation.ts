/** A file:line pointer for a check run annotation (e.g. a failing test). */
export interface Annotation {
  path: string;
  line: number;
  endLine?: number;
  level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}
