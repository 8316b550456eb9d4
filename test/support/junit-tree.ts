import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mulberry32 } from './seeded-random.js';

/**
 * A deterministic JUnit tree of the kind a large CI run leaves behind: many
 * files of Surefire-style `<testsuites>`, each suite's attributes matching
 * what it holds, with the mix a real run has — mostly passes (some with
 * `<system-out>`), failures and errors with messages and stack traces (in
 * CDATA and as escaped text), Surefire's flaky reruns, and skips. The
 * reader's large-report test and `npm run bench` both read it, and both know
 * the counts to expect without parsing it.
 */

export interface JunitTreeCounts {
  tests: number;
  passed: number;
  failures: number;
  errors: number;
  flaky: number;
  skipped: number;
}

export interface JunitTreeShape {
  files: number;
  suitesPerFile: number;
  casesPerSuite: number;
  /** Lines of `<system-out>` a logging test writes; the knob for the tree's size. */
  logLines: number;
  seed?: number;
}

/** 200 files, 100,000 testcases, about 42 MB: the benchmark's tree. */
export const BENCH_TREE: JunitTreeShape = { files: 200, suitesPerFile: 10, casesPerSuite: 50, logLines: 10 };

type Outcome = 'passed' | 'failed' | 'error' | 'flaky' | 'skipped';

const FRAMES = [
  'org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)',
  'org.junit.jupiter.api.AssertEquals.failNotEqual(AssertEquals.java:197)',
  'org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:150)',
  'java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)',
  'java.base/java.lang.reflect.Method.invoke(Method.java:568)',
  'org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:727)',
  'org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)',
  'org.junit.jupiter.engine.extension.TimeoutExtension.intercept(TimeoutExtension.java:156)',
  'org.junit.platform.engine.support.hierarchical.NodeTestTask.execute(NodeTestTask.java:151)',
  'org.apache.maven.surefire.junitplatform.JUnitPlatformProvider.invoke(JUnitPlatformProvider.java:184)',
];

function pickOutcome(draw: number): Outcome {
  if (draw < 0.04) return 'failed';
  if (draw < 0.05) return 'error';
  if (draw < 0.06) return 'flaky';
  if (draw < 0.11) return 'skipped';
  return 'passed';
}

function stackTrace(className: string, test: string, line: number, head: string): string {
  return [head, `\tat ${className}.${test}(${className.split('.').at(-1)}.java:${line})`, ...FRAMES.map((frame) => `\tat ${frame}`)].join('\n');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function systemOut(random: () => number, lines: number, test: string): string {
  const logged = Array.from({ length: lines }, (_, i) => `${String(10 + i).padStart(2, '0')}:04:12.${String(Math.floor(random() * 1000)).padStart(3, "0")} INFO  [main] ${test} step ${i} took ${Math.floor(random() * 90)} ms <ok> & done`);
  return `      <system-out>${escapeText(logged.join('\n'))}</system-out>\n`;
}

function testcase(random: () => number, className: string, index: number, shape: JunitTreeShape): { xml: string; outcome: Outcome } {
  const outcome = pickOutcome(random());
  const test = `test${index}_${['computesTotals', 'roundsDiscount', 'parsesQuantity', 'rejectsNegative', 'readsCatalogue'][index % 5]}`;
  const open = `    <testcase name="${test}" classname="${className}" time="${(random() / 10).toFixed(3)}"`;
  const line = 20 + index * 7;
  const expected = `expected: &lt;${index}&gt; but was: &lt;${index + 1}&gt;`;
  switch (outcome) {
    case 'passed':
      return random() < 0.25 ? { xml: `${open}>\n${systemOut(random, shape.logLines, test)}    </testcase>\n`, outcome } : { xml: `${open}/>\n`, outcome };
    case 'skipped':
      return { xml: `${open}>\n      <skipped message="disabled until the catalogue service is back"/>\n    </testcase>\n`, outcome };
    case 'failed': {
      const trace = stackTrace(className, test, line, `org.opentest4j.AssertionFailedError: ${test} ==> expected: <${index}> but was: <${index + 1}>`);
      return {
        xml: `${open}>\n      <failure message="${test} ==&gt; ${expected}" type="org.opentest4j.AssertionFailedError"><![CDATA[${trace}\n]]></failure>\n${systemOut(random, shape.logLines, test)}    </testcase>\n`,
        outcome,
      };
    }
    case 'error': {
      const trace = stackTrace(className, test, line, 'java.lang.IllegalStateException: catalogue service unavailable');
      return { xml: `${open}>\n      <error message="catalogue service unavailable" type="java.lang.IllegalStateException">${escapeText(trace)}\n</error>\n    </testcase>\n`, outcome };
    }
    case 'flaky': {
      const trace = stackTrace(className, test, line, `org.opentest4j.AssertionFailedError: ${test} first attempt`);
      return {
        xml: `${open}>\n      <flakyFailure message="${test} first attempt" type="org.opentest4j.AssertionFailedError">\n        <stackTrace><![CDATA[${trace}\n]]></stackTrace>\n      </flakyFailure>\n    </testcase>\n`,
        outcome,
      };
    }
  }
}

/** One file's XML and its counts. */
export function junitTreeFile(shape: JunitTreeShape, fileIndex: number): { xml: string; counts: JunitTreeCounts } {
  const random = mulberry32((shape.seed ?? 42) * 100_003 + fileIndex);
  const counts: JunitTreeCounts = { tests: 0, passed: 0, failures: 0, errors: 0, flaky: 0, skipped: 0 };
  const suites: string[] = [];
  for (let s = 0; s < shape.suitesPerFile; s += 1) {
    const className = `com.example.shop.module${fileIndex}.Service${s}Test`;
    const held: JunitTreeCounts = { tests: 0, passed: 0, failures: 0, errors: 0, flaky: 0, skipped: 0 };
    const body: string[] = [];
    for (let c = 0; c < shape.casesPerSuite; c += 1) {
      const { xml, outcome } = testcase(random, className, c, shape);
      body.push(xml);
      held.tests += 1;
      if (outcome === 'failed') held.failures += 1;
      else if (outcome === 'error') held.errors += 1;
      else held[outcome] += 1;
    }
    for (const key of Object.keys(counts) as (keyof JunitTreeCounts)[]) counts[key] += held[key];
    // Surefire's way: a flaky test is counted in neither `failures` nor `errors`.
    const attributes = `name="${className}" time="1.234" tests="${held.tests}" errors="${held.errors}" skipped="${held.skipped}" failures="${held.failures}"`;
    suites.push(`  <testsuite ${attributes}>\n    <properties>\n      <property name="java.version" value="21.0.2"/>\n    </properties>\n${body.join('')}  </testsuite>\n`);
  }
  return { xml: `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="module${fileIndex}">\n${suites.join('')}</testsuites>\n`, counts };
}

/** Writes the tree's files (`TEST-module<i>.xml`) into `dir`; returns their paths and the total counts. */
export async function writeJunitTree(dir: string, shape: JunitTreeShape): Promise<{ files: string[]; counts: JunitTreeCounts; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const counts: JunitTreeCounts = { tests: 0, passed: 0, failures: 0, errors: 0, flaky: 0, skipped: 0 };
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < shape.files; i += 1) {
    const { xml, counts: held } = junitTreeFile(shape, i);
    const file = path.join(dir, `TEST-module${String(i).padStart(3, '0')}.xml`);
    await writeFile(file, xml);
    files.push(file);
    bytes += Buffer.byteLength(xml);
    for (const key of Object.keys(counts) as (keyof JunitTreeCounts)[]) counts[key] += held[key];
  }
  return { files, counts, bytes };
}
