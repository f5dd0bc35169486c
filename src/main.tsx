import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installConnectPolicy } from './state/allowedHosts';
import { installAutomation } from './state/automation';
import { App } from './ui/App';
import './ui/styles.css';

// before anything connects: the hosts this page (and its workers) may reach
installConnectPolicy();
installAutomation();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
