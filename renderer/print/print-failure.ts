/** A thrown print failure in the cashier's words: Electron's English wrapper around a refused call is dropped. */
export function printFailureText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': (?:\w+: )?/, '') || '打印机没有响应';
}
