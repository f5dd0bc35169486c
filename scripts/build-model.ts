// npm run model: converts the built-in models into public/models/ (runs before dev, build and
// tests): USE lite, and the static word vectors.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBuiltinModel, MODELS_DIR } from './model/build';
import { buildWordVectorModels } from './model/word-vectors';

buildBuiltinModel();
buildWordVectorModels(MODELS_DIR, join(dirname(fileURLToPath(import.meta.url)), 'model'));
