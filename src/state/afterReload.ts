// The step a reload was for (a host was just allowed): carried on once the page is back.
import { takeAfterReload } from './allowedHosts';
import { reopenLab } from './labActions';
import { switchModel } from './modelActions';
import { connectDb, setDbConnection } from './vectorDbActions';

export function carryOnAfterReload(): void {
  const step = takeAfterReload();
  if (step?.kind === 'connect-db') {
    setDbConnection(step.connection);
    void connectDb();
  } else if (step?.kind === 'model') {
    void switchModel(step.source);
  } else if (step?.kind === 'lab') {
    void reopenLab(step.lab);
  }
}
