/**
 * Writes a catalog module file: `createBackendModule` on the catalog's processing extension point, with the
 * moved builder call inside `init` and the core services its arguments used as deps.
 */
import { OUTPUT_MODULES, type ImportFamily } from '../shared/importFamily';
import { importStatement, quoted, type CodeStyle } from '../shared/source';

export interface ModulePlan {
  family: ImportFamily;
  style: CodeStyle;
  pluginId: string;
  moduleId: string;
  constName: string;
  extensionPoint: { name: string; module: string };
  /** Services the call needs: the dep name (the legacy env field) and its ref (`coreServices.rootConfig`). */
  services: Array<{ key: string; ref: string }>;
  /** Import lines for the names the call uses, already pointing from the module file. */
  imports: Array<{ names: string[]; module: string; defaultName?: string }>;
  /** Names from the legacy package the call needs (`loggerToWinstonLogger`, legacy service refs). */
  legacyHelpers: string[];
  /** The call, already rewritten, at the indentation of the init body. */
  call: string;
  /** Manual steps the call needs, each written as a TODO right above it. */
  todos: string[];
}

const PRINT_WIDTH = 80;

export function renderModule(plan: ModulePlan): string {
  const { style } = plan;
  const semi = style.semi ? ';' : '';
  const q = (s: string) => quoted(s, style.quote);
  const at = (level: number) => style.indent.repeat(level);
  const modules = OUTPUT_MODULES[plan.family];

  const apiNames = plan.services.some((s) => s.ref.startsWith('coreServices.'))
    ? ['coreServices', 'createBackendModule']
    : ['createBackendModule'];
  const lines: string[] = [importStatement(apiNames, modules.pluginApi, style)];
  if (plan.legacyHelpers.length > 0) lines.push(importStatement([...plan.legacyHelpers].sort(), modules.legacy, style));
  lines.push(importStatement([plan.extensionPoint.name], plan.extensionPoint.module, style));
  for (const imp of plan.imports) {
    const parts = [...(imp.defaultName ? [imp.defaultName] : []), ...(imp.names.length ? [`{ ${imp.names.join(', ')} }`] : [])];
    lines.push(`import ${parts.join(', ')} from ${q(imp.module)}${semi}`);
  }
  lines.push('');
  lines.push(`export const ${plan.constName} = createBackendModule({`);
  lines.push(`${at(1)}pluginId: ${q(plan.pluginId)},`);
  lines.push(`${at(1)}moduleId: ${q(plan.moduleId)},`);
  lines.push(`${at(1)}register(env) {`);
  lines.push(`${at(2)}env.registerInit({`);
  lines.push(`${at(3)}deps: {`);
  lines.push(`${at(4)}catalog: ${plan.extensionPoint.name},`);
  for (const { key, ref } of plan.services) lines.push(`${at(4)}${key}: ${ref},`);
  lines.push(`${at(3)}},`);
  const names = ['catalog', ...plan.services.map((s) => s.key)];
  const head = `${at(3)}async init({ ${names.join(', ')} }) {`;
  if (head.length <= PRINT_WIDTH) lines.push(head);
  else lines.push(`${at(3)}async init({`, ...names.map((n) => `${at(4)}${n},`), `${at(3)}}) {`);
  for (const todo of plan.todos) lines.push(`${at(4)}// TODO(forklift): ${todo}`);
  lines.push(plan.call);
  lines.push(`${at(3)}},`);
  lines.push(`${at(2)}})${semi}`);
  lines.push(`${at(1)}},`);
  lines.push(`})${semi}`);
  lines.push('');
  lines.push(`export default ${plan.constName}${semi}`);
  lines.push('');
  return lines.join('\n');
}
