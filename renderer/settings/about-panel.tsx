// 设置 → 关于: what the support person asks for on the phone: versions, where the logs and crash dumps
// are, the recent log, and one button that copies it all to a USB stick.
import { Fragment, useCallback, useEffect, useState } from 'react';
import type { SupportInfo } from '../../shared/bridge';
import { bridge } from '../bridge';

export function AboutPanel() {
  const [info, setInfo] = useState<SupportInfo>();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const refresh = useCallback(() => void bridge.supportInfo().then(setInfo), []);
  useEffect(refresh, [refresh]);

  const copy = async () => {
    setStatus(undefined);
    const copied = await bridge.copySupportFiles();
    if (copied.ok) setStatus({ text: copied.folder ? `日志已复制到 ${copied.folder}` : '日志已下载' });
    else if (copied.code !== 'cancelled') setStatus({ text: `日志没有复制：${copied.message}`, error: true });
  };

  if (!info) return null;
  return (
    <section className="panel" aria-labelledby="about-title">
      <h2 id="about-title">关于</h2>
      <dl className="facts">
        {Object.entries(info.versions).map(([name, version]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{version}</dd>
          </Fragment>
        ))}
        <dt>日志</dt>
        <dd data-testid="log-folder">{info.logFolder ?? '浏览器版：日志只保留在本次打开期间'}</dd>
        {info.crashFolder && (
          <>
            <dt>崩溃记录</dt>
            <dd>{info.crashFolder}（只保存在本机，不会上传）</dd>
          </>
        )}
        <dt>自动更新</dt>
        <dd data-testid="update-source">{info.updateSource ?? '关闭'}</dd>
      </dl>
      <h3>最近的日志</h3>
      <pre className="support-log" data-testid="recent-log" tabIndex={0}>
        {info.recentLog || '（还没有记录）'}
      </pre>
      <div className="actions">
        <button type="button" onClick={refresh}>
          刷新日志
        </button>
        <button type="button" onClick={() => void copy()}>
          {info.logFolder ? '复制日志到U盘…' : '下载日志'}
        </button>
      </div>
      {status && (
        <p role="status" className={status.error ? 'error' : undefined}>
          {status.text}
        </p>
      )}
    </section>
  );
}
