import { resetCamera } from '../state/viewActions';
import { useEffect, useState } from 'react';
import { SceneView } from '../scene/SceneView';
import { addFiles, loadDemo } from '../state/corpusActions';
import { restore } from '../state/persist';
import { startAutosave } from '../state/persist';
import { DataPanel } from './DataPanel';
import { EvaluationPanel } from './EvaluationPanel';
import { ChunkingPanel } from './ChunkingPanel';
import { SourcesPanel } from './SourcesPanel';
import { droppedFiles } from './gatherFiles';
import { LayoutPanel } from './LayoutPanel';
import { Legend } from './Legend';
import { ModelPanel } from './ModelPanel';
import { Notices } from './Notices';
import { QueryPanel } from './QueryPanel';
import { SelectionPanel } from './SelectionPanel';
import { LayoutCaption } from './LayoutCaption';
import { StatusBar } from './StatusBar';
import { Tooltip } from './Tooltip';

export function App() {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    // ?demo always shows the demo corpus; otherwise the last workspace comes back
    if (new URLSearchParams(window.location.search).has('demo')) void loadDemo();
    else void restore();
    return startAutosave();
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
        void droppedFiles(e.dataTransfer).then(addFiles);
      }}
    >
      <header>
        <h1>Orrery</h1>
        <StatusBar />
      </header>
      <aside className="sidebar">
        <DataPanel />
        <QueryPanel />
        <EvaluationPanel />
        <SourcesPanel />
        <ChunkingPanel />
        <LayoutPanel />
        <ModelPanel />
      </aside>
      <main className="stage">
        <SceneView />
        <div className="overlay-top">
          <LayoutCaption />
          <button type="button" onClick={() => resetCamera()}>
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
