import { useState } from 'react';
import { TAG_PRESETS, tagCounts } from '../core/tags';
import { useOrrery } from '../state/hooks';
import { removeTag, tagSelection } from '../state/tagActions';

/** Tag the selected chunks: a built-in tag or your own words (Enter applies), and the tags so far with a way to remove each. */
export function TagSelection() {
  const [text, setText] = useState('');
  const tags = useOrrery((s) => s.tags);
  const counts = tagCounts(tags);
  const apply = (name: string) => tagSelection(name) && setText('');
  return (
    <div className="tags">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          apply(text);
        }}
      >
        <input aria-label="Tag the selection" placeholder="Tag the selection (Enter)" list="tag-names" value={text} onChange={(e) => setText(e.target.value)} />
        <datalist id="tag-names">
          {[...new Set([...TAG_PRESETS, ...counts.map((c) => c.name)])].map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {TAG_PRESETS.map((name) => (
          <button key={name} type="button" onClick={() => apply(name)}>
            {name}
          </button>
        ))}
      </form>
      {counts.length > 0 && (
        <ul className="tag-list" aria-label="Tags">
          {counts.map((t) => (
            <li key={t.name}>
              {t.name} <span className="muted">{t.count}</span>{' '}
              <button type="button" className="link" aria-label={`Remove the tag ${t.name}`} onClick={() => void removeTag(t.name)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
