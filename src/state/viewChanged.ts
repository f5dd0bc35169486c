// What follows a change of the view without new data (a query answered, a task settled, a layout
// finished): the same last steps as a commit's (workspace/commit.ts), in the same order.
import { followAddress } from './addressFollow';
import { compareWithIndex } from './indexComparison';
import { autosave } from './saving';

export function viewChanged(what: { answered?: boolean } = {}): void {
  // the answered query put to a loaded collection's index too
  if (what.answered) void compareWithIndex();
  // saved once the work settles
  autosave();
  // the view written into the address bar
  followAddress();
}
