import { allowedHosts, forgetAllowedHosts } from '../state/allowedHosts';

/** The hosts besides its own that this page may connect to (its connect-src), and a way to take them back. */
export function AllowedHosts() {
  const hosts = allowedHosts();
  return (
    <p className="panel muted" aria-label="Allowed hosts">
      This page may connect to its own origin{hosts.length > 0 ? ` and ${hosts.join(', ')}` : ' only'}.{' '}
      {hosts.length > 0 && (
        <button type="button" onClick={() => void forgetAllowedHosts()}>
          Forget allowed hosts
        </button>
      )}
    </p>
  );
}
