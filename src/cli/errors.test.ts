import { describe, expect, it } from 'vitest';
import { JixiaoError } from '../errors.ts';
import { describeFailure, EXIT } from './errors.ts';

describe('describeFailure', () => {
  it('gives an expected error its Chinese line and exit 2', () => {
    const failure = describeFailure(new JixiaoError('JX_NOT_FOUND', { file: 'a.txt' }), false);
    expect(failure).toEqual({ exitCode: EXIT.bad, output: 'jixiao：找不到文件：a.txt\n' });
  });

  it('reports a bug as an internal error on one line, exit 70, without the stack', () => {
    const failure = describeFailure(
      new TypeError("Cannot read properties of undefined (reading 'x')\nmore"),
      false,
    );
    expect(failure.exitCode).toBe(70);
    expect(failure.output).toBe(
      "jixiao：内部错误：Cannot read properties of undefined (reading 'x')，请报告此问题（设置 JIXIAO_DEBUG=1 可查看详情）\n",
    );
  });

  it('adds the stack in debug mode', () => {
    const failure = describeFailure(new Error('boom'), true);
    expect(failure.output.split('\n')[0]).toBe('jixiao：内部错误：boom，请报告此问题');
    expect(failure.output).toMatch(/\n\s+at /);
  });

  it('copes with a thrown non-Error', () => {
    expect(describeFailure('oops', false).output).toContain('内部错误：oops');
    expect(describeFailure(undefined, false).output).toContain('内部错误：undefined');
  });
});

describe('JixiaoError', () => {
  it('fills the template and keeps the code and values', () => {
    const error = new JixiaoError('JX_TOO_LARGE', { size: '60 MB', limit: '50 MB', file: 'big.txt' });
    expect(error.message).toBe('文件太大（60 MB，上限 50 MB）：big.txt');
    expect(error.code).toBe('JX_TOO_LARGE');
    expect(error.params.file).toBe('big.txt');
  });

  it('keeps a message on one line even for a file name with a line break', () => {
    expect(new JixiaoError('JX_NOT_FOUND', { file: 'a\nb.txt' }).message).toBe('找不到文件：a b.txt');
  });
});
