import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('页面缺少 #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
