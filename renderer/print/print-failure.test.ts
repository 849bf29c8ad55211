import { describe, expect, it } from 'vitest';
import { printFailureText } from './print-failure';

describe('printFailureText', () => {
  it('keeps the Chinese reason and drops Electron\'s English wrapper', () => {
    const refused = new Error("Error invoking remote method 'canteen:print': BridgeRequestRefused: 请求参数无效（print）：打印机名称无效");
    expect(printFailureText(refused)).toBe('请求参数无效（print）：打印机名称无效');
    expect(printFailureText(new Error('打印机未连接'))).toBe('打印机未连接');
  });
});
