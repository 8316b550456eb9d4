import { describe, expect, it } from 'vitest';
import { firstLines, locateInText, pathLinesIn, stripAnsi, toWorkspacePath } from '../../../src/sources/reports/source-location.js';

describe('toWorkspacePath', () => {
  it.each([
    ['/home/runner/work/shop/shop/src/cart.ts', 'src/cart.ts'],
    ['src/./lib/../cart.ts', 'src/cart.ts'],
    ['D:\\a\\shop\\shop\\test\\Cart.cs', null],
    ['/home/runner/work/shop/other/src/cart.ts', null],
    ['/home/runner/work/shop/shop/node_modules/vitest/dist/index.js', null],
    ['node_modules/jest-circus/build/index.js', null],
    ['../rg-jest-tools/node_modules/jest-resolve/build/index.js', null],
    ['/home/runner/work/shop/shop', null],
  ])('%s → %s', (file, expected) => {
    expect(toWorkspacePath(file, '/home/runner/work/shop/shop/')).toBe(expected);
  });

  it('reads Windows paths against a Windows workspace', () => {
    expect(toWorkspacePath('D:\\a\\shop\\shop\\test\\Cart.cs', 'D:\\a\\shop\\shop')).toBe('test/Cart.cs');
  });
});

describe('pathLinesIn', () => {
  it('finds Node, Vitest, pytest, Rust and .NET locations, in order', () => {
    const text = [
      '    at Object.<anonymous> (/repo/test/cart.test.js:12:38)',
      ' ❯ src/cart.ts:14:39',
      'tests/test_cart.py:25: AssertionError',
      "thread 'x' panicked at tests/parry3d.rs:154:5:",
      '   at App.Tests.Run() in C:\\src\\App.Tests\\RunTests.cs:line 29',
    ].join('\n');
    expect(pathLinesIn(text)).toEqual([
      { file: '/repo/test/cart.test.js', line: 12 },
      { file: 'src/cart.ts', line: 14 },
      { file: 'tests/test_cart.py', line: 25 },
      { file: 'tests/parry3d.rs', line: 154 },
      { file: 'C:\\src\\App.Tests\\RunTests.cs', line: 29 },
    ]);
  });

  it('ignores URLs, node: internals, versions and times', () => {
    const text = 'fetch http://127.0.0.1:8080/api failed at node:internal/process/task_queues:95:5 (v1.2:3) 10:30:00 https://shop.example.com:443/x';
    expect(pathLinesIn(text)).toEqual([]);
  });
});

describe('locateInText', () => {
  const trace = 'at helper (/w/src/helper.ts:3:1)\n at suite (e2e/cart.spec.ts:9:1)\n at /w/e2e/cart.spec.ts:12:5';

  it('prefers a frame in the test file, absolute over relative', () => {
    expect(locateInText(trace, '/w', 'e2e/cart.spec.ts')).toEqual({ path: 'e2e/cart.spec.ts', line: 12 });
    expect(locateInText(trace, '/w', 'cart.spec.ts')).toEqual({ path: 'e2e/cart.spec.ts', line: 12 });
  });

  it('otherwise takes the first absolute frame in the workspace, then the first relative one', () => {
    expect(locateInText(trace, '/w')).toEqual({ path: 'src/helper.ts', line: 3 });
    expect(locateInText(trace, '/elsewhere')).toEqual({ path: 'e2e/cart.spec.ts', line: 9 });
    expect(locateInText('no location here', '/w')).toBeNull();
  });
});

describe('firstLines', () => {
  it('keeps the lines before the stack, without blank lines or colour codes', () => {
    const text = '\u001b[31mError: expected 2\u001b[39m\r\n\r\nReceived: 3\n    at run (/w/a.ts:1:1)\n    at more (/w/b.ts:2:2)';
    expect(firstLines(text)).toBe('Error: expected 2\nReceived: 3');
  });

  it('stops at five lines and 600 characters', () => {
    expect(firstLines('1\n2\n3\n4\n5\n6\n7')).toBe('1\n2\n3\n4\n5');
    const long = firstLines('x'.repeat(1_000));
    expect([long.length, long.endsWith('…')]).toEqual([600, true]);
  });

  it('keeps a first line that looks like a frame, since nothing precedes it (.NET writes only the stack)', () => {
    expect(firstLines('at A.B() in C:\\x\\A.cs:line 3\n   at C.D()', 1)).toBe('at A.B() in C:\\x\\A.cs:line 3');
  });

  it('strips colour codes', () => {
    expect(stripAnsi('\u001b[2mexpect(\u001b[22m\u001b[31mlocator\u001b[39m')).toBe('expect(locator');
  });
});
