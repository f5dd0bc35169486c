import { useEffect, useState } from 'react';
import { startAddress } from '../state/address';
import { ClusterLabels } from '../scene/ClusterLabels';
import { HoverRing } from '../scene/HoverRing';
import { SceneView } from '../scene/SceneView';
import { LabSideView } from '../scene/LabSideView';
import { openFiles } from '../state/fileActions';
import { carryOnAfterReload } from '../state/afterReload';
import { resetCamera } from '../state/viewActions';
import { useOrrery } from '../state/hooks';
import { AllowedHosts } from './AllowedHosts';
import { SelectionPanel } from './SelectionPanel';
import { ColourPanel } from './ColourPanel';
import { ColumnsPanel } from './ColumnsPanel';
import { HelpOverlay, useShortcuts } from './HelpOverlay';
import { SearchBox } from './SearchBox';
import { SelectionDrag } from './SelectionDrag';
import { ViewButtons } from './ViewButtons';
import { ChunkingPanel } from './ChunkingPanel';
import { DataPanel } from './DataPanel';
import { EmptyState } from './EmptyState';
import { EvaluationPanel } from './EvaluationPanel';
import { ExportPanel } from './ExportPanel';
import { droppedFiles } from './gatherFiles';
import { LayoutCaption } from './LayoutCaption';
import { LayoutPanel } from './LayoutPanel';
import { Legend } from './Legend';
import { ModelPanel } from './ModelPanel';
import { LabPanel } from './LabPanel';
import { NoticeLog } from './NoticeLog';
import { Notices } from './Notices';
import { QueryPanel } from './QueryPanel';
import { Section } from './Section';
import { OpenChunkAnnouncer } from './OpenChunkAnnouncer';
import { OpenChunkPanel } from './OpenChunkPanel';
import { SourcesPanel } from './SourcesPanel';
import { StatusBar } from './StatusBar';
import { Tooltip } from './Tooltip';
import { IndexComparisonPanel } from './IndexComparisonPanel';
import { VectorDbPanel } from './VectorDbPanel';

export function App() {
  const [dragging, setDragging] = useState(false);
  // on narrow screens the panels are a drawer over the scene
  const [drawer, setDrawer] = useState(false);
  const [stage, setStage] = useState<HTMLElement | null>(null);
  const sideBySide = useOrrery((s) => s.labView === 'side-by-side' && s.lab !== null);
  useShortcuts();

  useEffect(() => {
    const stopAddress = startAddress();
    // a host was just allowed: the step that needed it runs now, after the workspace is back
    carryOnAfterReload();
    return stopAddress;
  }, []);

  const paste = () => {
    setDrawer(true);
    document.getElementById('paste')?.focus();
  };

  return (
    <div
      className={`app${dragging ? ' dragging' : ''}${drawer ? ' drawer-open' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void droppedFiles(e.dataTransfer).then(openFiles);
      }}
    >
      <header>
        <button type="button" className="drawer-toggle" aria-expanded={drawer} aria-controls="panels" onClick={() => setDrawer(!drawer)}>
          Panels
        </button>
        <h1>Orrery</h1>
        <StatusBar />
        <NoticeLog />
        <ViewButtons />
      </header>
      <aside className="sidebar" id="panels" aria-label="Panels">
        <Section id="data" title="Data in">
          <DataPanel />
          <SourcesPanel />
          <ChunkingPanel />
        </Section>
        <Section id="vectordb" title="Vector database">
          <VectorDbPanel />
          <AllowedHosts />
        </Section>
        <Section id="retrieve" title="Retrieve and evaluate">
          <QueryPanel />
          <IndexComparisonPanel />
          <EvaluationPanel />
        </Section>
        <Section id="see" title="Layout and colour">
          <ColourPanel />
          <LayoutPanel />
        </Section>
        <Section id="columns" title="Columns and filters">
          <ColumnsPanel />
        </Section>
        <Section id="export" title="Export">
          <ExportPanel />
        </Section>
        <Section id="model" title="Model">
          <ModelPanel />
        </Section>
        <Section id="lab" title="Model lab">
          <LabPanel />
        </Section>
      </aside>
      <main className={sideBySide ? 'stage split' : 'stage'} ref={setStage}>
        <div className="scene-pane">
          <SceneView />
        </div>
        {sideBySide && <LabSideView />}
        <ClusterLabels />
        <HoverRing />
        <SelectionDrag stage={stage} />
        <div className="overlay-top">
          <LayoutCaption />
          <SearchBox />
          <button type="button" onClick={() => resetCamera()}>
            Reset view
          </button>
        </div>
        <EmptyState onPaste={paste} />
        {dragging && <div className="drop-target">Drop to add these files</div>}
        <Legend />
        <OpenChunkPanel />
        <SelectionPanel />
        <Notices />
      </main>
      <HelpOverlay />
      <OpenChunkAnnouncer />
      <Tooltip />
    </div>
  );
}
