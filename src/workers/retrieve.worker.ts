/// <reference lib="webworker" />
import { serve } from './host';
import { retrieveHandlers } from './retrieve';
import type { RetrieveCalls, RetrieveProgress } from './retrieve.protocol';

serve<RetrieveCalls, RetrieveProgress>(retrieveHandlers());
