import { ruleTester } from '../helpers/ruleTester';
import { aks, armTemplate, at, bicepTemplate, nestedTemplate, tfJson, tfPlan } from '../helpers/aksFixtures';

const cleaner = (c: Record<string, unknown>) => ({ securityProfile: { imageCleaner: c } });
const armAbsent = armTemplate([aks({ dnsPrefix: 'aks' })]);
const armProfile = armTemplate([aks({ securityProfile: { workloadIdentity: { enabled: true } } })]);
const armFalse = armTemplate([aks(cleaner({ enabled: false, intervalHours: 168 }))]);
const armOld = armTemplate([aks({ dnsPrefix: 'aks' }, { apiVersion: '2022-09-01' })]);
const armParam = (d: boolean) =>
  armTemplate([aks(cleaner({ enabled: "[parameters('imageCleaner')]" }))], { parameters: { imageCleaner: { type: 'bool', defaultValue: d } } });
const bicep = (v: boolean) => bicepTemplate({ cluster: aks(cleaner({ enabled: v, intervalHours: 120 })) });
const nested = (v: boolean) =>
  nestedTemplate([aks(cleaner({ enabled: "[parameters('cleaner')]" }))], { cleaner: { type: 'bool', defaultValue: true } }, { cleaner: { value: v } });
const tf3 = tfJson({ image_cleaner_enabled: false, image_cleaner_interval_hours: 48 }, 3);
const tf4Absent = tfJson({ oidc_issuer_enabled: true }, 4);
const tfVar = (d: boolean) => tfJson({ image_cleaner_enabled: '${var.cleaner}' }, 4, { variable: { cleaner: { type: 'bool', default: d } } });
const planFalse = tfPlan({ image_cleaner_enabled: false, image_cleaner_interval_hours: 0 }, { module: true });
const planNull = tfPlan({ image_cleaner_enabled: null, image_cleaner_interval_hours: null });

ruleTester('aks-image-cleaner', {
  valid: [
    { name: 'ARM enabled', path: 'azuredeploy.json', code: armTemplate([aks(cleaner({ enabled: true, intervalHours: 168 }))]) },
    { name: 'ARM parameter default true', path: 'azuredeploy.json', code: armParam(true) },
    { name: 'ARM unresolvable expression is unknown', path: 'azuredeploy.json', code: armTemplate([aks(cleaner({ enabled: "[equals(parameters('env'), 'prod')]" }))], { parameters: { env: { type: 'string', defaultValue: 'prod' } } }) },
    { name: 'Bicep-compiled enabled', path: 'main.json', code: bicep(true) },
    { name: 'Terraform v4 enabled', path: 'main.tf.json', code: tfJson({ image_cleaner_enabled: true, image_cleaner_interval_hours: 168 }, 4) },
    { name: 'Terraform interpolation is unknown', path: 'main.tf.json', code: tfJson({ image_cleaner_enabled: '${local.cleaner}' }, 4) },
    { name: 'plan enabled', path: 'plan.json', code: tfPlan({ image_cleaner_enabled: true, image_cleaner_interval_hours: 48 }) },
  ],
  invalid: [
    {
      name: 'ARM absent: Information on properties, fix inserts',
      path: 'azuredeploy.json',
      code: armAbsent,
      errors: [{ messageId: 'missing', ...at(armAbsent, '"properties"'), severity: 'info' }],
      output: armTemplate([aks({ dnsPrefix: 'aks', securityProfile: { imageCleaner: { enabled: true } } })]),
    },
    {
      name: 'ARM security profile without imageCleaner: on securityProfile',
      path: 'azuredeploy.json',
      code: armProfile,
      errors: [{ messageId: 'missing', ...at(armProfile, '"securityProfile"') }],
      output: armTemplate([aks({ securityProfile: { workloadIdentity: { enabled: true }, imageCleaner: { enabled: true } } })]),
    },
    {
      name: 'ARM disabled',
      path: 'azuredeploy.json',
      code: armFalse,
      errors: [{ messageId: 'disabled', ...at(armFalse, 'false') }],
      output: armTemplate([aks(cleaner({ enabled: true, intervalHours: 168 }))]),
    },
    {
      name: 'ARM absent on an API version before imageCleaner: suggestion only',
      path: 'azuredeploy.json',
      code: armOld,
      errors: [{ messageId: 'missing', ...at(armOld, '"properties"'), fixable: false }],
    },
    {
      name: 'ARM parameter default false: fix edits the default',
      path: 'azuredeploy.json',
      code: armParam(false),
      errors: [{ messageId: 'disabled', ...at(armParam(false), `"[parameters('imageCleaner')]"`) }],
      output: armParam(true),
    },
    {
      name: 'Bicep-compiled, languageVersion 2.0',
      path: 'main.json',
      code: bicep(false),
      errors: [{ messageId: 'disabled', ...at(bicep(false), 'false') }],
      output: bicep(true),
    },
    {
      name: 'nested deployment: the passed value is edited',
      path: 'nested.json',
      code: nested(false),
      errors: [{ messageId: 'disabled', ...at(nested(false), `"enabled": "[parameters('cleaner')]"`, `"[parameters('cleaner')]"`) }],
      output: nested(true),
    },
    {
      name: 'Terraform v3 false',
      path: 'main.tf.json',
      code: tf3,
      errors: [{ messageId: 'disabled', ...at(tf3, 'false') }],
      output: tfJson({ image_cleaner_enabled: true, image_cleaner_interval_hours: 48 }, 3),
    },
    {
      name: 'Terraform v4 absent',
      path: 'main.tf.json',
      code: tf4Absent,
      errors: [{ messageId: 'missing', ...at(tf4Absent, '"main"') }],
      output: tfJson({ oidc_issuer_enabled: true, image_cleaner_enabled: true }, 4),
    },
    {
      name: 'Terraform var default false: fix edits the default',
      path: 'main.tf.json',
      code: tfVar(false),
      errors: [{ messageId: 'disabled', ...at(tfVar(false), '"${var.cleaner}"') }],
      output: tfVar(true),
    },
    {
      name: 'plan false in a child module, no fix',
      path: 'plan.json',
      code: planFalse,
      errors: [{ messageId: 'disabled', ...at(planFalse, 'false'), severity: 'info', fixable: false }],
    },
    {
      name: 'plan null means absent: on values, no fix',
      path: 'plan.json',
      code: planNull,
      errors: [{ messageId: 'missing', ...at(planNull, '"values"'), severity: 'info', fixable: false }],
    },
  ],
});
