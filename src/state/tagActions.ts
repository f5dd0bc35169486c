// Tags given to the selection (or corpus health's near-duplicates): saved with the workspace,
// filtered and coloured by in the Columns panel and the colour menu, and left out of (or kept in) an export.
import { TAGS_COLUMN, tagName, withoutTag, withTag } from '../core/tags';
import { setColumnFilter } from './columnFilters';
import { useOrreryStore } from './store';
import { viewChanged } from './viewChanged';

const store = useOrreryStore;

/** Gives the selected chunks a tag; a name that cannot be a tag is said and nothing changes. Returns whether it was applied. */
export function tagSelection(raw: string): boolean {
  const { selection, notify } = store.getState();
  if (selection.length === 0) {
    notify('error', 'Select chunks (lasso, box or a legend entry) before tagging them.');
    return false;
  }
  return tagRows(raw, selection);
}

export function tagRows(raw: string, rows: readonly number[]): boolean {
  const named = tagName(raw);
  if ('problem' in named) {
    store.getState().notify('error', `Tag not added: ${named.problem}.`);
    return false;
  }
  store.setState((s) => ({ tags: withTag(s.tags, named.name, rows) }));
  viewChanged();
  return true;
}

/** Removes a tag from every chunk; a filter on it goes too. */
export function removeTag(name: string): Promise<void> {
  const { tags, filters } = store.getState();
  store.setState({ tags: withoutTag(tags, name) });
  const onTags = filters.find((f) => f.column === TAGS_COLUMN);
  if (onTags && 'values' in onTags) {
    const values = onTags.values.filter((v) => v !== name);
    return setColumnFilter(TAGS_COLUMN, values.length > 0 ? { column: TAGS_COLUMN, values } : null);
  }
  viewChanged();
  return Promise.resolve();
}
