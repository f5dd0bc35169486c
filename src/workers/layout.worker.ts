/// <reference lib="webworker" />
import { serve } from './host';
import { layoutWorker } from './layout';
import type { LayoutCalls, LayoutFrame, LayoutNote } from './layout.protocol';

const { handlers, onNote } = layoutWorker();
serve<LayoutCalls, LayoutFrame, LayoutNote>(handlers, { onNote, latestOnly: ['layout'] });
