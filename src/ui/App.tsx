import { useEffect, useState } from 'react';
import { SceneView } from '../scene/SceneView';
import { loadDemo } from '../state/pipeline';
import { useOrreryStore } from '../state/store';
import { addFiles, DataPanel } from './DataPanel';
import { Legend } from './Legend';
import { Notices } from './Notices';
import { QueryPanel } from './QueryPanel';
import { SelectionPanel } from './SelectionPanel';
import { StatusBar } from './StatusBar';
import { Tooltip } from './Tooltip';

export function App() {
  const [dragging, setDragging] = useState(false);
  const explained = useOrreryStore((s) => s.explainedVariance);

  useEffect(() => {
    if (new URLSearchParams(window.location.search).has('demo')) void loadDemo();
  }, []);

  return (
    <div
      className={`app${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void addFiles(Array.from(e.dataTransfer.files));
      }}
    >
      <header>
        <h1>Orrery</h1>
        <StatusBar />
      </header>
      <aside className="sidebar">
        <DataPanel />
        <QueryPanel />
      </aside>
      <main className="stage">
        <SceneView />
        <div className="overlay-top">
          {explained.length > 0 && (
            <span className="muted">PCA · axes explain {explained.map((v) => `${(v * 100).toFixed(1)}%`).join(' / ')} of variance</span>
          )}
          <button type="button" onClick={() => useOrreryStore.getState().resetCamera()}>
            Reset view
          </button>
        </div>
        <Legend />
        <SelectionPanel />
        <Notices />
      </main>
      <Tooltip />
    </div>
  );
}
