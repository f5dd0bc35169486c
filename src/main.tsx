import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installAutomation } from './state/automation';
import { App } from './ui/App';
import './ui/styles.css';

installAutomation();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
