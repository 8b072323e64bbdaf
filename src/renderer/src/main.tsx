// Shared styles first: Vite bundles CSS in the order modules are first imported, so these come before the
// stylesheets that components and features import (through App), which may override them.
import './styles/tokens.css';
import './styles/base.css';
import './styles/forms.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ToastProvider } from './components/Toast';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ToastProvider>
      <App />
    </ToastProvider>
  </StrictMode>,
);
