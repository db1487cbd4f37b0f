/**
 * The one-way house (docs/architecture.md, "Layers"), checked on every `npm test`: a wrong import
 * fails the build. Data flows web → http handler → service → repository → table; shared/ is the
 * ground floor (domain → authz, api, config), functions/lib the floor of the functions.
 */
const SERVICES = '^functions/(identity|journal|mail|notifications)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes two modules one: split them or move the shared part down.',
      from: { path: '^(shared|functions|infra|web/src)/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'shared/domain: entities and the regulation’s rules only — no contracts, policy, config, AWS or I/O.',
      from: { path: '^shared/domain/' },
      to: { path: '^(shared/(api|authz|config|consent|table)|functions|infra|web)/|^node:|@aws-sdk|@middy' },
    },
    {
      name: 'authz-on-domain-only',
      severity: 'error',
      comment: 'shared/authz decides on the domain; it knows no contracts, no data layer, no HTTP.',
      from: { path: '^shared/authz/' },
      to: { path: '^(shared/(api|config|consent|table)|functions|infra|web)/' },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'shared/ is used by functions, infra and web; it imports none of them.',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra|web|test|bench)/' },
    },
    {
      name: 'lib-is-the-floor',
      severity: 'error',
      comment: 'functions/lib: clients, logger, errors, the school clock — below repositories and services.',
      from: { path: '^functions/lib/' },
      to: { path: '^functions/(?!lib/)' },
    },
    {
      name: 'data-below-services',
      severity: 'error',
      comment: 'Repositories know nothing of services, HTTP or jobs; they throw typed errors of functions/lib.',
      from: { path: '^functions/data/' },
      to: { path: '^functions/(?!data/|lib/)' },
    },
    {
      name: 'services-know-no-http',
      severity: 'error',
      comment: 'Services are called by HTTP handlers and scheduled jobs alike: no HTTP, no jobs in sight.',
      from: { path: SERVICES },
      to: { path: '^functions/(http|scheduled)/' },
    },
    {
      name: 'service-areas-apart',
      severity: 'error',
      comment: 'One service area does not reach into another’s modules (share through shared/ or functions/lib).',
      from: { path: '^functions/(identity|journal|notifications|reports)/' },
      to: { path: '^functions/(identity|journal|notifications|reports)/', pathNot: '^functions/$1/' },
    },
    {
      name: 'handlers-call-services',
      severity: 'error',
      comment: 'A handler parses, calls one service and shapes the answer: it never reaches a repository or the policy itself.',
      from: { path: '^functions/http/handlers/' },
      to: { path: '^(functions/data/|shared/authz/)' },
    },
    {
      name: 'jobs-know-no-http',
      severity: 'error',
      comment: 'Scheduled jobs use the same services as the API, with no HTTP in sight.',
      from: { path: '^functions/scheduled/' },
      to: { path: '^functions/http/' },
    },
    {
      name: 'migrations-on-data',
      severity: 'error',
      comment: 'A data migration (functions/migrations) rewrites items through the data layer: no services, HTTP or jobs in sight.',
      from: { path: '^functions/migrations/' },
      to: { path: '^functions/(?!migrations/|data/|lib/)' },
    },
    {
      name: 'functions-not-infra',
      severity: 'error',
      comment: 'Handlers run unchanged in AWS and locally: no import of the CDK app or the local stand-in.',
      from: { path: '^functions/' },
      to: { path: '^(infra|test|bench|web)/' },
    },
    {
      name: 'web-talks-http',
      severity: 'error',
      comment: 'The web talks only to the HTTP API, with types and pure rules from shared/.',
      from: { path: '^web/src/' },
      to: { path: '^(functions|infra|bench)/' },
    },
    {
      name: 'cdk-not-local',
      severity: 'error',
      comment: 'The CDK app describes AWS; it does not depend on the local stand-in or on function code beyond the schedule list.',
      from: { path: '^infra/(lib|bin)/' },
      to: { path: '^(infra/local|functions/(?!scheduled/schedules\\.ts$))' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|web/dist|cdk\\.out|\\.data|\\.tmp)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
