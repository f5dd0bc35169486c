// npm run model: converts USE lite into public/models/ (runs before dev, build and tests).
import { buildBuiltinModel } from './model/build';

buildBuiltinModel();
