// The one-way flow of DESIGN.md: core ← workers ← state ← scene/ui, and no cycles anywhere.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'modules that import each other cannot be understood one at a time',
      from: { path: '^src' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core imports nothing from the app around it',
      from: { path: '^src/core' },
      to: { path: '^src/(workers|state|scene|ui)/' },
    },
    { name: 'workers-below-state', severity: 'error', from: { path: '^src/workers' }, to: { path: '^src/(state|scene|ui)/' } },
    { name: 'state-below-view', severity: 'error', from: { path: '^src/state' }, to: { path: '^src/(scene|ui)/' } },
    {
      name: 'view-uses-worker-types-only',
      severity: 'error',
      comment: 'scene and ui reach workers through state actions; they may name a protocol type',
      from: { path: '^src/(scene|ui)/' },
      to: { path: '^src/workers/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'view-reads-the-store-through-hooks',
      severity: 'error',
      comment: 'the panels and the scene call actions; only src/state may setState (src/state/hooks.ts is their read-only door)',
      from: { path: '^src/(scene|ui)/' },
      to: { path: '^src/state/store\\.ts$' },
    },
    {
      name: 'view-reads-the-workspace-through-hooks',
      severity: 'error',
      comment: 'the arrays are written by workspace/commit.ts alone; the scene and panels read them with useWorkspace/readWorkspace',
      from: { path: '^src/(scene|ui)/' },
      to: { path: '^src/state/workspace/' },
    },
    {
      name: 'no-react-in-core',
      severity: 'error',
      from: { path: '^src/(core|workers)/' },
      to: { path: 'node_modules/(react|react-dom|three|@react-three|zustand)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.app.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
