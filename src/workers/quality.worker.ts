/// <reference lib="webworker" />
import { serve } from './host';
import { qualityHandlers } from './quality';
import type { QualityCalls } from './quality.protocol';

serve<QualityCalls>(qualityHandlers(), { latestOnly: ['quality'] });
