import { child, items, Node } from '../documents';
import { FixIntent } from '../fixes/intent';
import { AzureResource, PropSpec } from './azure';
import { eqi, isFalse, isTrue, Lookup, walk } from './lookup';

/** Every setting of Microsoft.Security/pricings / azurerm_security_center_subscription_pricing the rules read. */
export const PRICING = {
  /** The Defender plan: the ARM resource name, the Terraform `resource_type` (absent = VirtualMachines). */
  plan: { arm: ['name'], tf: ['resource_type'] },
  tier: { arm: ['properties', 'pricingTier'], tf: ['tier'] },
  subPlan: { arm: ['properties', 'subPlan'], tf: ['subplan'] },
  /** ARM `properties.extensions[]` ({name, isEnabled: "True"}); Terraform repeated `extension { name }` blocks. */
  extensions: { arm: ['properties', 'extensions'], tf: ['extension'] },
} satisfies Record<string, PropSpec>;

/** Defender plan names (pricing names) the rules know. */
export const PLAN = {
  containers: 'Containers',
  servers: 'VirtualMachines',
  /** Deprecated: replaced by Containers. */
  kubernetesService: 'KubernetesService',
  containerRegistry: 'ContainerRegistry',
} as const;

/** azurerm: "resource_type … Defaults to VirtualMachines" (security_center_subscription_pricing). */
const TF_DEFAULT_PLAN = PLAN.servers;

/** The ARM API version that introduced `properties.extensions` on pricings. */
export const PRICING_EXTENSIONS_API = '2023-01-01';

/** One element of a pricing's extension list. */
export interface PricingExtension {
  /** The element as written. */
  node: Node;
  /** The extension name, when known. */
  name?: string;
  /** ARM `isEnabled` ("True"/"False", a string); Terraform blocks have none (a listed extension is enabled). */
  isEnabled: Lookup;
}

export class SecurityPricing extends AzureResource {
  static readonly ARM_TYPE = 'microsoft.security/pricings';
  static readonly TF_TYPE = 'azurerm_security_center_subscription_pricing';

  /** The plan as written: ARM `name`, Terraform `resource_type` (absent in Terraform means VirtualMachines). */
  get plan(): Lookup { return this.get(PRICING.plan); }
  get tier(): Lookup { return this.get(PRICING.tier); }
  get extensionList(): Lookup { return this.get(PRICING.extensions); }

  /** The plan name, with the Terraform default applied; undefined when it is an expression we cannot evaluate. */
  get planName(): string | undefined {
    const l = this.plan;
    if (l.state === 'known') return typeof l.value === 'string' ? l.value : undefined;
    if (l.state === 'absent' && this.isTerraform) return TF_DEFAULT_PLAN;
    return undefined;
  }

  /** 'yes' / 'no' / 'unknown' (plan written as an unresolvable expression). */
  isPlan(name: string): 'yes' | 'no' | 'unknown' {
    const p = this.planName;
    if (p === undefined) return 'unknown';
    return eqi(p, name) ? 'yes' : 'no';
  }

  /** True / false when the tier is known; undefined when absent or unknown. */
  get isStandard(): boolean | undefined {
    const t = this.tier;
    if (t.state !== 'known' || typeof t.value !== 'string') return undefined;
    return eqi(t.value, 'Standard');
  }

  /** The elements of the extension list; undefined when the list itself is absent or an expression. */
  extensions(): PricingExtension[] | undefined {
    const l = this.extensionList;
    if (l.state !== 'known' || !l.origin) return undefined;
    const list = l.origin.type === 'array' ? items(l.origin) : l.origin.type === 'object' && this.isTerraform ? [l.origin] : undefined;
    if (!list) return undefined;
    const r = this.res;
    return list.map((node) => {
      const resolver = r.format === 'arm' ? r.scope : r.resolver;
      const opts = r.format === 'arm' ? { ignoreCase: true } : { nullIsAbsent: true };
      const name = walk(node, ['name'], resolver, opts);
      const isEnabled = r.format === 'arm' ? walk(node, ['isEnabled'], resolver, opts) : { state: 'known' as const, value: true, node };
      return { node, name: name.state === 'known' && typeof name.value === 'string' ? name.value : undefined, isEnabled };
    });
  }

  /**
   * Whether extension `name` is enabled: 'enabled', 'disabled' (listed with isEnabled False), 'missing'
   * (not listed, or no list), or 'unknown' (the list, an element's name or its isEnabled is an expression).
   */
  extensionState(name: string): { state: 'enabled' | 'disabled' | 'missing' | 'unknown'; element?: PricingExtension } {
    const l = this.extensionList;
    if (l.state === 'unknown') return { state: 'unknown' };
    if (l.state === 'absent') return { state: 'missing' };
    const list = this.extensions();
    if (!list) return { state: 'unknown' };
    const element = list.find((e) => e.name !== undefined && eqi(e.name, name));
    if (!element) return { state: list.some((e) => e.name === undefined) ? 'unknown' : 'missing' };
    const en = element.isEnabled;
    if (en.state === 'known' && isTrue(en.value)) return { state: 'enabled', element };
    if (en.state === 'known' && isFalse(en.value)) return { state: 'disabled', element };
    return { state: 'unknown', element };
  }

  /**
   * The intent that enables extension `name`: set isEnabled to "True", append to the list, or create
   * the list. Terraform JSON writes a block `{name}`; a single block written as an object becomes an array.
   */
  fixEnableExtension(name: string): FixIntent | undefined {
    if (this.format === 'tfplan') return undefined;
    const st = this.extensionState(name);
    if (st.state === 'disabled' && st.element) {
      const en = st.element.isEnabled;
      return en.origin ? { kind: 'set', doc: this.doc, node: en.origin, value: 'True' } : undefined;
    }
    if (st.state !== 'missing') return undefined;
    const entry = this.isArm ? { name, isEnabled: 'True' } : { name };
    const l = this.extensionList;
    if (l.state === 'absent') return this.fix(PRICING.extensions, l, [entry]);
    if (l.state !== 'known' || !l.origin) return undefined;
    if (l.origin.type === 'array') return { kind: 'append', doc: this.doc, array: l.origin, value: entry };
    if (l.origin.type === 'object' && this.isTerraform) {
      const existing = walk(l.origin, [], this.res.format === 'arm' ? this.res.scope : this.res.resolver);
      return { kind: 'set', doc: this.doc, node: l.origin, value: [existing.value, entry] };
    }
    return undefined;
  }

  /** The `name` key of an ARM pricing (where the plan is written); the Terraform anchor otherwise. */
  get planAnchor(): Node {
    const l = this.plan;
    if (l.state !== 'absent' && l.node) return l.node;
    if (this.isArm) return child(this.node, 'name', true) ?? this.defaultAnchor();
    return this.defaultAnchor();
  }
}
