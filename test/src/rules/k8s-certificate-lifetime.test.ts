import * as assert from 'node:assert/strict';
import { formatGoDuration, parseGoDuration } from '../../../server/out/engine/rules/k8s-certificate-lifetime';
import { lines, ruleTester } from '../helpers/ruleTester';

const cert = (...spec: string[]) => lines('apiVersion: cert-manager.io/v1', 'kind: Certificate', 'metadata: {name: web}', 'spec:', '  secretName: web-tls', '  issuerRef: {name: letsencrypt, kind: ClusterIssuer}', ...spec);

ruleTester('k8s-certificate-lifetime', {
  valid: [
    { name: '90 days, renewed 15 days ahead', path: 'cert.yaml', code: cert('  duration: 2160h', '  renewBefore: 360h') },
    { name: 'duration absent (cert-manager default 2160h), renewBefore set', path: 'cert.yaml', code: cert('  renewBefore: 720h') },
    { name: 'renewBeforePercentage instead of renewBefore', path: 'cert.yaml', code: cert('  duration: 720h', '  renewBeforePercentage: 25') },
    { name: 'Go duration with minutes and seconds', path: 'cert.yaml', code: cert('  duration: 1440h0m0s', '  renewBefore: 359h59m60s') },
    { name: 'another API group', path: 'cert.yaml', code: lines('apiVersion: example.com/v1', 'kind: Certificate', 'metadata: {name: x}', 'spec: {duration: 87600h}') },
    { name: 'CertificateRequest is not a Certificate', path: 'cr.yaml', code: lines('apiVersion: cert-manager.io/v1', 'kind: CertificateRequest', 'metadata: {name: x}', 'spec: {duration: 87600h, request: eA==}') },
  ],
  invalid: [
    {
      name: 'a year: duration set to 2160h (the comment stays)',
      path: 'cert.yaml',
      code: cert('  duration: 8760h # one year', '  renewBefore: 720h'),
      errors: [{ messageId: 'tooLong', line: 7, column: 13, text: '8760h', severity: 'warning', fixable: true }],
      output: cert('  duration: "2160h" # one year', '  renewBefore: 720h'),
    },
    {
      name: 'renewBefore that the shorter duration would not exceed is shortened in the same fix',
      path: 'cert.yaml',
      code: cert('  duration: 17520h0m0s', "  renewBefore: '2400h'"),
      errors: [{ messageId: 'tooLong', line: 7, column: 13, text: '17520h0m0s' }],
      output: cert('  duration: "2160h"', "  renewBefore: '360h'"),
    },
    {
      name: 'no renewBefore: reported on spec, 360h inserted; second document',
      path: 'certs.yaml',
      code: lines('apiVersion: cert-manager.io/v1', 'kind: ClusterIssuer', 'metadata: {name: letsencrypt}', 'spec: {acme: {}}', '---') + cert('  dnsNames: [web.contoso.com]'),
      errors: [{ messageId: 'noRenewBefore', line: 9, column: 1, text: 'spec', fixable: true }],
      output: lines('apiVersion: cert-manager.io/v1', 'kind: ClusterIssuer', 'metadata: {name: letsencrypt}', 'spec: {acme: {}}', '---') + cert('  dnsNames: [web.contoso.com]', '  renewBefore: "360h"'),
    },
    {
      name: 'a short-lived certificate gets a third of its life as renewBefore',
      path: 'cert.yaml',
      code: cert('  duration: 1h'),
      errors: [{ messageId: 'noRenewBefore', line: 4, column: 1, text: 'spec' }],
      output: cert('  duration: 1h', '  renewBefore: "20m"'),
    },
    {
      name: 'days are not a Go duration unit; flow style',
      path: 'cert.yaml',
      code: lines('apiVersion: cert-manager.io/v1', 'kind: Certificate', 'metadata: {name: days}', 'spec: {duration: 90d, renewBefore: 15d, secretName: x}'),
      errors: [
        { messageId: 'invalidDuration', line: 4, column: 18, text: '90d' },
        { messageId: 'invalidDuration', line: 4, column: 36, text: '15d' },
      ],
      output: lines('apiVersion: cert-manager.io/v1', 'kind: Certificate', 'metadata: {name: days}', 'spec: {duration: "2160h", renewBefore: "360h", secretName: x}'),
    },
    {
      name: 'a number is not a duration',
      path: 'cert.yaml',
      code: cert('  duration: 2160', '  renewBefore: 360h'),
      errors: [{ messageId: 'invalidDuration', line: 7, column: 13, text: '2160' }],
      output: cert('  duration: "2160h"', '  renewBefore: 360h'),
    },
    {
      name: 'List item, JSON manifest',
      path: 'certs.json',
      code: '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "c"}, "spec": {"duration": "4320h", "renewBefore": "360h", "secretName": "c"}}]}\n',
      errors: [{ messageId: 'tooLong', line: 1, column: 156, text: '"4320h"' }],
      output: '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "c"}, "spec": {"duration": "2160h", "renewBefore": "360h", "secretName": "c"}}]}\n',
    },
  ],
});

describe('Go durations (k8s-certificate-lifetime)', () => {
  it('parses what time.ParseDuration accepts', () => {
    const cases: Array<[string, number | undefined]> = [
      ['2160h', 2160 * 3600], ['2160h0m0s', 2160 * 3600], ['1h30m', 5400], ['1.5h', 5400], ['90m', 5400], ['0', 0], ['-1h', -3600],
      ['500ms', 0.5], ['.5h', 1800], ['90d', undefined], ['', undefined], ['h', undefined], ['1', undefined], ['1h 30m', undefined], ['2160H', undefined],
    ];
    for (const [text, seconds] of cases) assert.equal(parseGoDuration(text), seconds, text);
  });
  it('formats short durations', () => {
    assert.equal(formatGoDuration(360 * 3600), '360h');
    assert.equal(formatGoDuration(1200), '20m');
    assert.equal(formatGoDuration(5430), '1h30m30s');
    assert.equal(formatGoDuration(0), '0s');
  });
});
