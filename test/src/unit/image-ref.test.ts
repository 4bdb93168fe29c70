import * as assert from 'node:assert/strict';
import { parseImageRef, registryMatches } from '../../../server/out/engine/model/image';

describe('image references (k8s-allowed-registry, k8s-image-pinned)', () => {
  it('splits registry, repository, tag and digest like distribution/reference', () => {
    const cases: Array<[string, string, string, string | undefined, string | undefined]> = [
      ['nginx', 'docker.io', 'library/nginx', undefined, undefined],
      ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined],
      ['bitnami/redis:7', 'docker.io', 'bitnami/redis', '7', undefined],
      ['docker.io/nginx', 'docker.io', 'library/nginx', undefined, undefined],
      ['index.docker.io/library/nginx:1', 'docker.io', 'library/nginx', '1', undefined],
      ['localhost/app', 'localhost', 'app', undefined, undefined],
      ['localhost:5000/team/app:2', 'localhost:5000', 'team/app', '2', undefined],
      ['Contoso.azurecr.io/web:1', 'contoso.azurecr.io', 'web', '1', undefined],
      ['mcr.microsoft.com/dotnet/aspnet:8.0@sha256:abc', 'mcr.microsoft.com', 'dotnet/aspnet', '8.0', 'sha256:abc'],
      ['ghcr.io/org/app@sha256:abc', 'ghcr.io', 'org/app', undefined, 'sha256:abc'],
    ];
    for (const [raw, registry, repository, tag, digest] of cases) {
      const r = parseImageRef(raw);
      assert.deepEqual(r && [r.registry, r.repository, r.tag, r.digest], [registry, repository, tag, digest], raw);
    }
  });
  it('treats placeholders as unknown', () => {
    for (const raw of ['', '  ', '${IMAGE}', '{{ .Values.image }}', '<acr>.azurecr.io/web:1', 'registry/$(TAG)']) assert.equal(parseImageRef(raw), undefined, raw);
  });
  it('matches glob patterns segment by segment', () => {
    const m = (image: string, pattern: string) => registryMatches(parseImageRef(image)!, pattern);
    assert.ok(m('contoso.azurecr.io/web:1', '*.azurecr.io'));
    assert.ok(m('contoso.azurecr.io/web:1', 'contoso.azurecr.io/'));
    assert.ok(m('contoso.azurecr.io/web:1', 'https://contoso.azurecr.io'));
    assert.ok(m('contoso.azurecr.io/team/web:1', 'contoso.azurecr.io/team/*'));
    assert.ok(m('contoso.azurecr.io/team/web:1', 'contoso.azurecr.io/team'));
    assert.ok(m('nginx', 'docker.io/library/*'));
    assert.ok(m('nginx', 'index.docker.io'));
    assert.ok(m('localhost:5000/app', 'localhost:*'));
    assert.ok(!m('azurecr.io/web:1', '*.azurecr.io'));
    assert.ok(!m('a.b.azurecr.io/web:1', '*.azurecr.io'));
    assert.ok(!m('contoso.azurecr.io.evil.com/web:1', '*.azurecr.io'));
    assert.ok(!m('evil.com/contoso.azurecr.io/web:1', '*.azurecr.io'));
    assert.ok(!m('contoso.azurecr.io/team:1', 'contoso.azurecr.io/team/*'));
    assert.ok(!m('contoso.azurecr.io/teams/web:1', 'contoso.azurecr.io/team'));
    assert.ok(!m('bitnami/redis:7', 'docker.io/library/*'));
    assert.ok(!m('contoso.azurecr.io/web:1', ''));
  });
});
