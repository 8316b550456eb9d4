import { describe, expect, it } from 'vitest';
import { readYaml } from '../../../src/engine/analysis/yaml-document.js';

describe('readYaml', () => {
  it('refuses a YAML alias bomb in one line naming the file, instead of expanding it', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefgh'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[index]}`).join(',')}]`)].join('\n');
    const started = Date.now();
    expect(readYaml(bomb, 'analysis.yml')).toEqual({ ok: false, error: 'analysis.yml: refused: its YAML aliases expand too far (more than 100 nodes through aliases), as an alias bomb would; write the repeated parts out' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('still reads anchors and aliases used to share a block', () => {
    const read = readYaml('base: &t { max: 5%, min-samples: 3 }\nmetrics:\n  a: *t\n  b: *t\n', 'analysis.yml');
    expect(read.ok && read.value.root).toEqual({ base: { max: '5%', 'min-samples': 3 }, metrics: { a: { max: '5%', 'min-samples': 3 }, b: { max: '5%', 'min-samples': 3 } } });
  });
});
