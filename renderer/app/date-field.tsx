// The app's date and month fields. The browser's own <input type="date"> shows dates in the browser's
// language (11/30/2026 in an English browser); these show and take 2026-11-30 and 2026-11 everywhere. Typing
// is read leniently (shared/date-input.ts), ↑ ↓ move a day (a month), and what cannot be a date is said in
// Chinese beside the field while the value stays as it was.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { addDays, chinaIsoFromEpochMs } from '../../shared/china-time';
import { parseDateInput, parseMonthInput, stepMonth, type DateInput } from '../../shared/date-input';

type FieldProps = {
  /** The field's date (YYYY-MM-DD) or month (YYYY-MM); '' when empty. */
  value: string;
  /** Called with each valid value typed or stepped to, and with '' when the field is emptied (unless `required`). */
  onChange: (value: string) => void;
  min?: string;
  max?: string;
  required?: boolean;
  'aria-label'?: string;
  'data-testid'?: string;
};

type Kind = { parse: (text: string, limits: { min?: string; max?: string }) => DateInput; step: (value: string, by: number) => string; today: () => string; example: string; size: number };

const today = () => chinaIsoFromEpochMs(Date.now()).slice(0, 10);
const DATE: Kind = { parse: parseDateInput, step: addDays, today, example: '如 2026-11-30', size: 10 };
const MONTH: Kind = { parse: parseMonthInput, step: stepMonth, today: () => today().slice(0, 7), example: '如 2026-11', size: 7 };

export const DateField = (props: FieldProps) => <TypedField kind={DATE} {...props} />;
export const MonthField = (props: FieldProps) => <TypedField kind={MONTH} {...props} />;

function TypedField({ kind, value, onChange, min, max, required, ...rest }: FieldProps & { kind: Kind }) {
  const [text, setText] = useState(value);
  const [error, setError] = useState('');
  const errorId = useId();
  const field = useRef<HTMLInputElement>(null);
  // A form is not sent while a date in it is wrong: the browser stops it with this field's own message.
  useEffect(() => field.current?.setCustomValidity(error), [error]);
  // A value changed from outside (another date picked, a form reset) is shown; what is being typed is not overwritten by its own echo.
  useEffect(() => {
    setText((current) => {
      const shown = kind.parse(current, {});
      return shown.ok && shown.value === value ? current : value;
    });
    setError('');
  }, [value, kind]);

  /** `final` on Enter and on leaving the field; while typing, a date is taken only once it is whole. */
  const take = (typed: string, final = false) => {
    setText(typed);
    if (!typed.trim()) {
      setError(required && final ? '请填写' : '');
      if (!required) onChange('');
      return;
    }
    const read = kind.parse(typed, { min, max });
    // 2027-02-2 is on its way to 2027-02-29: neither taken as the 2nd nor refused until its last part has two digits.
    const whole = final || (read.ok ? /\d\d\D*$/.test(typed.trim()) : typed.trim().length >= kind.size);
    if (!whole) return setError('');
    // Until a good date is typed the field's value stays what it was, and says so.
    setError(read.ok ? '' : value ? `${read.message}（仍按 ${value}）` : read.message);
    if (read.ok) onChange(read.value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') take(text, true);
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const from = kind.parse(text, {});
    let next = from.ok ? kind.step(from.value, event.key === 'ArrowUp' ? 1 : -1) : value || kind.today();
    if (min !== undefined && next < min) next = min;
    if (max !== undefined && next > max) next = max;
    setText(next);
    setError('');
    onChange(next);
  };

  return (
    <span className="date-field">
      <input
        {...rest}
        ref={field}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        size={kind.size + 1}
        placeholder={kind.example}
        title={`${kind.example}；↑ ↓ ${kind === DATE ? '前后一天' : '前后一月'}`}
        value={text}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => take(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Left empty where a date is needed: the last good value comes back.
          if (!text.trim() && required) take(value);
          else take(text, true);
        }}
      />
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
