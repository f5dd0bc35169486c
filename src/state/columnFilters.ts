// The Columns panel's actions: a filter set or cleared on a column. Filters are part of the view:
// saved with the workspace and written to the address; the query is answered again among the rows left.
import type { ColumnFilter } from '../core/columnCharts';
import { refreshQuery } from './queryActions';
import { useOrreryStore } from './store';
import { viewChanged } from './viewChanged';

const store = useOrreryStore;

/** Sets (or, with null, clears) the filter on one column; the query is answered again among the rows left. */
export function setColumnFilter(column: string, filter: ColumnFilter | null): Promise<void> {
  store.setState((s) => ({ filters: [...s.filters.filter((f) => f.column !== column), ...(filter ? [filter] : [])] }));
  return filtersChanged();
}

export function clearFilters(): Promise<void> {
  store.setState({ filters: [] });
  return filtersChanged();
}

async function filtersChanged(): Promise<void> {
  viewChanged();
  if (store.getState().queryText) await refreshQuery();
}
