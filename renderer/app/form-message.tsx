/** What a form says after its last action: a plain status line, in red when something went wrong. */
export type FormMessage = { error: boolean; text: string };

export function FormMessageLine({ message, testId }: { message: FormMessage | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p role="status" className={message.error ? 'error' : undefined} data-testid={testId}>
      {message.text}
    </p>
  );
}
