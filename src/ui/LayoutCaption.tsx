import { useShallow } from 'zustand/react/shallow';
import { METHOD_LABEL } from '../state/status';
import { activeOf, useOrrery } from '../state/hooks';

/** What the picture is: the method, for PCA how much variance its axes hold, and whether it is a sample. */
export function LayoutCaption() {
  const { params, explained, sampled, layoutVersion, link } = useOrrery(
    useShallow((s) => ({
      params: activeOf(s).layoutParams,
      explained: activeOf(s).explainedVariance,
      sampled: activeOf(s).sampledLayout,
      layoutVersion: s.layoutVersion,
      link: s.indexLink,
    })),
  );
  if (layoutVersion === 0) return <span />;
  const axes = params.method === 'pca' ? params.axes.slice(0, params.dims) : [];
  return (
    <span className="muted layout-caption">
      {METHOD_LABEL[params.method]} {params.dims}-D
      {params.method === 'pca' &&
        explained.length > 0 &&
        ` · axes ${axes.map((a) => `PC${a + 1} ${((explained[a] ?? 0) * 100).toFixed(1)}%`).join(' / ')} of variance`}
      {params.method !== 'pca' && ' · distances between clusters are not meaningful; neighbours within them are'}
      {params.method !== 'pca' &&
        sampled &&
        ` · fitted on ${sampled.fitted.toLocaleString('en')}, ${sampled.placed.toLocaleString('en')} placed by their nearest fitted points`}
      {link?.sampled && ` · a sample of ${link.loaded.toLocaleString('en')} of ${link.total.toLocaleString('en')} rows of ${link.collection.name}`}
    </span>
  );
}
