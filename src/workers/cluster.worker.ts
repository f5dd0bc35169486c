/// <reference lib="webworker" />
import { clusterHandlers } from './cluster';
import type { ClusterCalls, ClusterProgress } from './cluster.protocol';
import { serve } from './host';

serve<ClusterCalls, ClusterProgress>(clusterHandlers(), { latestOnly: ['cluster'] });
