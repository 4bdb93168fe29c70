/**
 * The two lists of Linux capabilities that capability findings are checked against. They differ by one entry, NET_RAW,
 * which is why a message must name the list it means.
 *
 * - RUNTIME_DEFAULT_CAPABILITIES: what containerd (`oci/spec.go` defaultUnixCaps, the runtime of AKS nodes) and Docker
 *   (moby `oci/caps/defaults.go` DefaultCapabilities) grant every container that drops nothing: 14 capabilities,
 *   NET_RAW included.
 * - PSS_BASELINE_CAPABILITIES: what the Pod Security Standards baseline level allows in `capabilities.add`
 *   (kubernetes.io "Pod Security Standards", Capabilities): the same list without NET_RAW, 13 capabilities.
 * - Restricted allows adding back only NET_BIND_SERVICE (and requires dropping ALL).
 */
export const RUNTIME_DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

export const PSS_BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** The one capability the restricted level allows adding back. */
export const PSS_RESTRICTED_ADDABLE = 'NET_BIND_SERVICE';

/** Runtimes accept `sys_admin` and `CAP_SYS_ADMIN` for SYS_ADMIN: the capability the container really gets. */
export const normaliseCapability = (cap: string) => cap.toUpperCase().replace(/^CAP_/, '');

/**
 * Where an added capability stands:
 * - `restrictedAllowed`: NET_BIND_SERVICE, allowed by every level;
 * - `baselineAllowed`: in the baseline list (and the runtime default set), forbidden by restricted;
 * - `runtimeDefaultOutsideBaseline`: granted by containerd and Docker anyway, but baseline forbids adding it (NET_RAW);
 * - `outsideBoth`: neither a runtime default nor allowed by baseline (SYS_ADMIN, NET_ADMIN, ALL…).
 */
export type CapabilityClass = 'restrictedAllowed' | 'baselineAllowed' | 'runtimeDefaultOutsideBaseline' | 'outsideBoth';

export function classifyCapability(cap: string): CapabilityClass {
  const c = normaliseCapability(cap);
  if (c === PSS_RESTRICTED_ADDABLE) return 'restrictedAllowed';
  if (PSS_BASELINE_CAPABILITIES.has(c)) return 'baselineAllowed';
  return RUNTIME_DEFAULT_CAPABILITIES.has(c) ? 'runtimeDefaultOutsideBaseline' : 'outsideBoth';
}
