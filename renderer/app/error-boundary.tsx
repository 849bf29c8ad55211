// When a page fails to draw, the cashier sees what happened in Chinese and a way back, never a blank
// window. The failure goes to the support log.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { bridge } from '../bridge';

type State = { error: Error | null };

type Props = {
  children: ReactNode;
  onBack?: () => void;
  /** Where the way back leads: the till's counter, or the office's 街道 page on an office PC. */
  office?: boolean;
  /** Going to another place clears the error screen. */
  resetKey?: string;
};

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  override componentDidUpdate(previous: Props) {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const where = info.componentStack?.trim().split('\n')[0]?.trim() ?? '';
    void bridge.writeLog({ level: 'error', message: `页面出错：${message} ${where}`.slice(0, 2000) }).catch(() => undefined);
  }

  private back = () => {
    this.setState({ error: null });
    this.props.onBack?.();
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="panel error-screen" role="alert" aria-labelledby="error-screen-title">
        <h1 id="error-screen-title">这一页出了问题</h1>
        <p>
          {this.props.office ? '已经导入的申报包和审核决定都已保存，不会丢失。可以回到街道审核继续工作' : '已经完成的收款都已保存，不会丢失。可以回到收银台继续收款'}
          ；如果问题反复出现，请到 设置 → 关于 把日志复制到U盘，交给维护人员。
        </p>
        <div className="actions">
          {this.props.onBack && (
            <button type="button" className="primary" onClick={this.back}>
              {this.props.office ? '回到街道审核' : '回到收银台'}
            </button>
          )}
          <button type="button" onClick={() => location.reload()}>
            重新载入
          </button>
        </div>
        <details>
          <summary>错误详情（给维护人员）</summary>
          <pre>{error.message}</pre>
        </details>
      </section>
    );
  }
}
