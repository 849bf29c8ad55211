import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../db/app-db';
import { setupSteps } from './setup-steps';
import './setup-guide.css';

const HIDDEN_KEY = 'canteen.setup-guide-hidden';

/**
 * The first-run guide: 食堂信息 → 负责人 → 政策 → 菜单 → 居民名单, each with where it stands and a link to
 * the place that does it. It goes away by itself once all five are done; a manager may fold it away sooner.
 */
export function SetupGuide() {
  const steps = useLiveQuery(() => setupSteps(db), []);
  const [hidden, setHidden] = useState(() => localStorage.getItem(HIDDEN_KEY) === '1');
  if (!steps || steps.every((step) => step.done) || hidden) return null;
  const next = steps.find((step) => !step.done)!;
  return (
    <section className="setup-guide" aria-labelledby="setup-guide-title" data-testid="setup-guide">
      <h2 id="setup-guide-title">
        开始使用：还差 {steps.filter((step) => !step.done).length} 步
      </h2>
      <ol>
        {steps.map((step, index) => (
          <li key={step.id} className={step.done ? 'done' : step === next ? 'next' : undefined} data-step={step.id} data-done={step.done}>
            <span className="mark" aria-hidden="true">
              {step.done ? '✓' : index + 1}
            </span>
            <strong>{step.title}</strong>
            <span className="status">{step.status}</span>
            {!step.done && (
              <a href={`#/${step.place}`} className="todo">
                {step.todo}
              </a>
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="link plain"
        onClick={() => {
          localStorage.setItem(HIDDEN_KEY, '1');
          setHidden(true);
        }}
      >
        收起，以后再设置
      </button>
    </section>
  );
}
