import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapeLogLine, info } from '../../../src/actions/shared/log.js';
import { Redactor, useRedactor } from '../../../src/actions/shared/redactor.js';

/** What a line of the log must never be: the start of a workflow command, or more than one line. */
const isCommand = (line: string) => /^\s*::[a-z-]+/i.test(line) || line.includes('##[');

describe('log.info: untrusted text is one line that no runner reads as a command', () => {
  afterEach(() => {
    useRedactor(new Redactor());
    vi.restoreAllMocks();
  });

  it('escapes newlines and neutralises :: and ##[', () => {
    const forged = 'v2\n::error::forged\r\n::set-output name=decision::go\r##[warning]legacy ::add-mask::x';
    const line = escapeLogLine(forged);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toContain('::');
    expect(line).not.toContain('##[');
    expect(isCommand(line)).toBe(false);
    expect(line.replace(/\u200b/g, '')).toBe('v2\\n::error::forged\\n::set-output name=decision::go\\n##[warning]legacy ::add-mask::x');
  });

  it('writes one line to stdout, with the run’s secrets masked', () => {
    const redactor = new Redactor();
    redactor.add('tok-0123456789');
    useRedactor(redactor);
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    info('::stop-commands::resume\nref with tok-0123456789');
    expect(written).toHaveLength(1);
    expect(written[0]!.trimEnd().split('\n')).toHaveLength(1);
    expect(written[0]).not.toContain('tok-0123456789');
    expect(isCommand(written[0]!)).toBe(false);
  });
});
