/// <reference lib="webworker" />
import { serve } from './host';
import { vectorDbHandlers } from './vectorDb';
import type { VectorDbCalls, VectorDbProgress } from './vectorDb.protocol';

serve<VectorDbCalls, VectorDbProgress>(vectorDbHandlers());
