import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installConnectPolicy, setBeforeReload } from './state/allowedHosts';
import { savesWritten } from './state/saving';
import { installAutomation } from './state/automation';
import { restoreTheme } from './state/viewActions';
import { App } from './ui/App';
import { pictureOfScene, pointsOnScreen } from './scene/sceneState';
import './ui/styles.css';

// before anything connects: the hosts this page (and its workers) may reach
installConnectPolicy();
// a reload that allows a host waits for the saves in flight
setBeforeReload(savesWritten);
installAutomation();
// for scripts: a copy of the scene as drawn now (the WebGL canvas keeps no picture between frames),
// and where each point is drawn on the page
Object.assign(window, { __orreryPicture: (scale = 1) => pictureOfScene(scale), __orreryPointsOnScreen: pointsOnScreen });
restoreTheme();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
