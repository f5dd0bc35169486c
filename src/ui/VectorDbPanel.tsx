import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isBusy, useOrrery } from '../state/hooks';
import { connectDb, loadCollection, pushCorpus, setDbConnection, setSampleLimit, sourceNameOf } from '../state/vectorDbActions';

/** A Chroma server: connect, list its collections, read one in, or write the workspace into a new one. */
export function VectorDbPanel() {
  const connection = useOrrery((s) => s.dbConnection);
  const { server, collections, sampleLimit, busy, chunkCount, sources } = useOrrery(
    useShallow((s) => ({
      server: s.dbServer,
      collections: s.dbCollections,
      sampleLimit: s.sampleLimit,
      busy: isBusy(s.phase),
      chunkCount: s.chunkCount,
      sources: s.sources,
    })),
  );
  const [pushName, setPushName] = useState('orrery-corpus');
  return (
    <section className="panel" aria-labelledby="vectordb-heading">
      <h2 id="vectordb-heading">Chroma</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void connectDb();
        }}
      >
        <label>
          Chroma address
          <input type="url" value={connection.url} onChange={(e) => setDbConnection({ url: e.target.value })} placeholder="http://localhost:8000" />
        </label>
        <details>
          <summary>Credential, tenant, database</summary>
          <label>
            Chroma credential
            <input
              type="password"
              autoComplete="off"
              value={connection.token}
              onChange={(e) => setDbConnection({ token: e.target.value })}
              placeholder="sent as X-Chroma-Token"
            />
          </label>
          <label>
            Chroma tenant
            <input value={connection.tenant} onChange={(e) => setDbConnection({ tenant: e.target.value })} />
          </label>
          <label>
            Chroma database
            <input value={connection.database} onChange={(e) => setDbConnection({ database: e.target.value })} />
          </label>
        </details>
        <button type="submit" disabled={busy}>
          Connect
        </button>
      </form>
      {server && collections && (
        <>
          <p className="muted">
            Chroma {server.version}: {collections.length} {collections.length === 1 ? 'collection' : 'collections'}
          </p>
          <label className="inline collections-limit">
            Rows to read at most
            <input type="number" min={1} step={1000} value={sampleLimit} onChange={(e) => setSampleLimit(Number(e.target.value))} />
          </label>
          <ul className="collections" aria-label="Collections">
            {collections.map((c) => (
              <li key={c.id}>
                <div>
                  <strong>{c.name}</strong>{' '}
                  <span className="muted">
                    {c.count.toLocaleString('en')} rows · {c.dims ? `${c.dims}-d` : 'no vectors yet'} · {c.space}
                    {c.count > sampleLimit && ` · a sample of ${sampleLimit.toLocaleString('en')} will be read`}
                  </span>
                  {c.metadata && Object.keys(c.metadata).length > 0 && (
                    <div className="muted small">
                      {Object.entries(c.metadata)
                        .slice(0, 6)
                        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
                        .join(' · ')}
                    </div>
                  )}
                </div>
                <button
                  type="button"
                  aria-label={`Load collection ${c.name}`}
                  disabled={busy || c.count === 0 || sources.includes(sourceNameOf(c))}
                  onClick={() => void loadCollection(c)}
                >
                  Load
                </button>
              </li>
            ))}
          </ul>
          <form
            className="row push"
            onSubmit={(e) => {
              e.preventDefault();
              void pushCorpus(pushName.trim());
            }}
          >
            <label className="inline">
              New collection name
              <input value={pushName} onChange={(e) => setPushName(e.target.value)} />
            </label>
            <button type="submit" disabled={busy || chunkCount === 0}>
              Push to Chroma
            </button>
          </form>
        </>
      )}
    </section>
  );
}
