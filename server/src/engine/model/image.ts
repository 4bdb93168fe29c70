/**
 * Container image references as the container runtime reads them (distribution/reference, the
 * grammar Docker and containerd share): `[registry/]path[:tag][@digest]`.
 */
export interface ImageRef {
  /** As written. */
  raw: string;
  /** Registry host (with port), lower-cased; `docker.io` when the reference names none. */
  registry: string;
  /** Repository path below the registry; Docker Hub official images get `library/`. */
  repository: string;
  tag?: string;
  /** `sha256:…` when the image is pinned by digest. */
  digest?: string;
}

/** Placeholders of templating tools (envsubst `${X}`, Helm `{{ }}`, `<your-registry>`): the real image is unknown. */
const PLACEHOLDER = /[${}<>\s]/;

/** Parses an image reference; undefined when it is empty or a placeholder (unknown: never a finding). */
export function parseImageRef(raw: string): ImageRef | undefined {
  const image = raw.trim();
  if (!image || PLACEHOLDER.test(image)) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!rest) return undefined;
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  // The first component is a registry when it looks like a host: a dot, a port, `localhost`, or upper case
  // (distribution/reference splitDockerDomain).
  const isHost = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let registry = isHost ? first.toLowerCase() : 'docker.io';
  let repository = isHost ? rest.slice(slash + 1) : rest;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  return { raw, registry, repository, tag: tag || undefined, digest: digest || undefined };
}

/**
 * True when `image` comes from a registry (and path) that `pattern` allows. A pattern is a registry
 * host optionally followed by path segments (`contoso.azurecr.io`, `contoso.azurecr.io/team/*`,
 * `*.azurecr.io`); `*` matches within one DNS label of the host or one path segment, so
 * `*.azurecr.io` does not match `evil.com/x.azurecr.io/app` nor `x.azurecr.io.evil.com/app`.
 * The pattern's segments must match the leading segments of `registry/repository`.
 */
export function registryMatches(image: ImageRef, pattern: string): boolean {
  const p = normalisePattern(pattern);
  if (!p) return false;
  const want = p.split('/');
  const have = [image.registry, ...image.repository.split('/')];
  if (want.length > have.length) return false;
  if (!globMatch(want[0].toLowerCase(), have[0], '.')) return false;
  for (let i = 1; i < want.length; i++) if (!globMatch(want[i], have[i], '/')) return false;
  return true;
}

/** Trims a pattern: no scheme, no trailing slash; a bare `docker.io` also stands for its aliases. */
export function normalisePattern(pattern: string): string {
  let p = pattern.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  if (/^(index\.docker\.io|registry-1\.docker\.io)(\/|$)/i.test(p)) p = p.replace(/^[^/]+/, 'docker.io');
  return p;
}

/** `*` matches any run of characters other than `sep` (and `/`); everything else literally. */
function globMatch(pattern: string, text: string, sep: '.' | '/'): boolean {
  const exclude = sep === '.' ? '[^./]*' : '[^/]*';
  const re = new RegExp(`^${pattern.split('*').map(escapeRe).join(exclude)}$`, sep === '.' ? 'i' : '');
  return re.test(text);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
