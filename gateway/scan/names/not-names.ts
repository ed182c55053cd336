/**
 * Lexicon entries that, in developer traffic, are far more often a language, tool, product, service
 * or plain word than a person, place or company: `Julia`, `Travis`, `Claude`, `Jenkins`, `Aurora`,
 * `Phoenix`. They are never reported; the corpus in test/gateway/names holds them as hard negatives.
 */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  // languages and runtimes
  'julia', 'ada', 'ruby', 'crystal', 'elixir', 'dart', 'swift', 'pascal', 'haskell', 'erlang', 'perl', 'lua', 'scala', 'kotlin',
  'deno', 'bun', 'node', 'java', 'jython', 'go', 'rust', 'r', 'julia', 'clojure', 'groovy', 'delphi', 'logo', 'fortran',
  // tools, frameworks, services whose names are also given names, surnames or places
  'travis', 'jenkins', 'hudson', 'claude', 'gemini', 'cursor', 'copilot', 'alexa', 'siri', 'cortana', 'jasmine', 'karma', 'mocha',
  'chai', 'sinon', 'jest', 'vitest', 'cassandra', 'hadoop', 'kafka', 'spark', 'flask', 'django', 'rails', 'celery', 'apollo',
  'ember', 'vue', 'angular', 'svelte', 'electron', 'hugo', 'jekyll', 'gatsby', 'remix', 'astro', 'vite', 'babel', 'parcel',
  'sentry', 'grafana', 'kibana', 'prometheus', 'jaeger', 'consul', 'nomad', 'vault', 'chef', 'puppet', 'salt', 'ansible',
  'helm', 'envoy', 'caddy', 'tomcat', 'jetty', 'netty', 'jupyter', 'pandas', 'keras', 'torch', 'llama', 'mistral', 'falcon',
  'phoenix', 'aurora', 'athena', 'lambda', 'fargate', 'redshift', 'glue', 'amplify', 'cognito', 'sage', 'neptune', 'lightsail',
  'nova', 'juno', 'luna', 'stella', 'mercury', 'vesta', 'ray', 'dash', 'max', 'min', 'maven', 'gradle', 'bazel', 'ant', 'buck',
  'sonar', 'heroku', 'vercel', 'netlify', 'render', 'fly', 'railway', 'supabase', 'prisma', 'drizzle', 'sequelize', 'mongoose',
  'pydantic', 'sphinx', 'tox', 'nox', 'poetry', 'pipenv', 'conda', 'homebrew', 'brew', 'docker', 'podman', 'kubernetes', 'istio',
  'linkerd', 'traefik', 'nginx', 'apache', 'harbor', 'argo', 'flux', 'tekton', 'spinnaker', 'drone', 'concourse', 'buildkite',
  'circle', 'bamboo', 'jira', 'confluence', 'trello', 'asana', 'notion', 'linear', 'figma', 'sketch', 'zeplin', 'miro',
  'slack', 'teams', 'zoom', 'discord', 'signal', 'telegram', 'whatsapp', 'outlook', 'gmail', 'chrome', 'firefox', 'safari',
  'edge', 'opera', 'brave', 'arc', 'windows', 'ubuntu', 'debian', 'fedora', 'alpine', 'arch', 'mint', 'gentoo', 'android',
  'sierra', 'monterey', 'ventura', 'sonoma', 'sequoia', 'catalina', 'mojave', 'yosemite', 'el capitan', 'big sur', 'jessie',
  'stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'focal', 'jammy', 'noble', 'bionic', 'xenial', 'shell',
  // given names that are mostly plain words or months in this traffic
  'will', 'may', 'june', 'april', 'august', 'jan', 'summer', 'autumn', 'winter', 'spring', 'hope', 'faith', 'joy', 'art',
  'gene', 'guy', 'ken', 'miles', 'norm', 'rod', 'sky', 'page', 'case', 'chance', 'sterling', 'rich', 'royal', 'major',
  'rose', 'iris', 'ivy', 'lily', 'daisy', 'violet', 'amber', 'pearl', 'jade', 'coral', 'angel', 'genesis', 'trinity',
  'destiny', 'harmony', 'melody', 'serenity', 'charity', 'kai', 'sunny', 'river', 'storm', 'rain', 'sage', 'robin',
  // places and companies that are mostly something else here, and the platforms the traffic is about
  'chad', 'jordan', 'georgia', 'victoria', 'florence', 'austin', 'reading', 'nice', 'bath', 'split', 'cork', 'mobile',
  'orange', 'plymouth', 'worcester', 'salem', 'troy', 'sparta', 'eureka', 'paradise', 'independence', 'liberty', 'union',
  'america', 'eu', 'ups', 'visa', 'ing', 'lg', 'bp', 'ford', 'dell', 'mobil', 'shell', 'target', 'amt', 'gmb', 'ing', 'nec',
  'data', 'co', 'ora', 'fra', 'muc', 'dxb', 'hnd', 'highland', 'lowland', 'richmond', 'drake', 'lee', 'poe', 'hammond',
  'github', 'youtube', 'wikipedia', 'twitter', 'facebook', 'myspace', 'craigslist', 'google', 'microsoft', 'cloudflare',
]);

/** Places and organisations compromise lacks or tags otherwise (`Sydney` is a given name there). */
export const EXTRA_ENTRIES: ReadonlyMap<string, 'location' | 'organization'> = new Map([
  ['sydney', 'location'], ['mexico city', 'location'], ['sao paulo', 'location'], ['são paulo', 'location'], ['hong kong', 'location'],
  ['tel aviv', 'location'], ['kyiv', 'location'], ['bengaluru', 'location'], ['krakow', 'location'], ['kraków', 'location'],
  ['wroclaw', 'location'], ['wrocław', 'location'], ['gdansk', 'location'], ['gdańsk', 'location'], ['cape town', 'location'],
  ['silicon valley', 'location'], ['bay area', 'location'],
]);

/** Month and weekday names and abbreviations: never part of a person's name. */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
]);
