// Discover → plan → (confirm) → run → list leftovers: the whole teardown, with clients and the stack remover injected.
import { runSteps, runStep, type ActionContext } from './actions';
import type { TeardownClients } from './aws-clients';
import { discoverInventory } from './discover';
import { listLeftovers } from './leftovers';
import { describeStep, planTeardown, type TeardownStep } from './plan';

export interface TeardownOptions extends Omit<ActionContext, 'clients'> {
  clients: Omit<TeardownClients, 'destroy'>;
  stage: string;
  region: string;
  stackName: string;
  dryRun: boolean;
  /** Asked once the plan is printed; false cancels. */
  confirm: (steps: readonly TeardownStep[]) => Promise<boolean>;
}

export type TeardownOutcome = { kind: 'dry-run' | 'cancelled' | 'nothing-to-do'; steps: TeardownStep[] } | { kind: 'done'; steps: TeardownStep[]; leftovers: string[] };

export async function runTeardown(options: TeardownOptions): Promise<TeardownOutcome> {
  const { clients, log } = options;
  log(`Looking for what ${options.stackName} holds in ${options.region}…`);
  const inventory = await discoverInventory(clients, { stage: options.stage, region: options.region, stackName: options.stackName });
  if (!inventory.stackExists) log(`Stack ${options.stackName} does not exist; only resources created outside it are removed.`);
  const steps = planTeardown(inventory);
  if (steps.length === 0) {
    log('Nothing to tear down.');
    return { kind: 'nothing-to-do', steps };
  }
  log(`${options.dryRun ? 'Would do' : 'Plan'}:`);
  steps.forEach((step, index) => log(`  ${index + 1}. ${describeStep(step)}`));
  if (options.dryRun) return { kind: 'dry-run', steps };
  if (!(await options.confirm(steps))) return { kind: 'cancelled', steps };

  const context: ActionContext = { ...options, clients };
  const removal = steps.findIndex((step) => step.kind === 'remove-stack');
  await runSteps(removal < 0 ? steps : steps.slice(0, removal), context);
  if (removal >= 0) await removeWithRetry(steps, removal, context);

  log('Checking for anything left that may still bill…');
  const leftovers = await listLeftovers(clients, options.stackName, options.region);
  leftovers.forEach((line) => log(`  ${line}`));
  return { kind: 'done', steps, leftovers };
}

/**
 * Firehose may still deliver a buffer between emptying a bucket and CloudFormation deleting it; the stack then
 * fails with "bucket not empty". Emptying again and removing once more settles it (the streams are gone by then).
 */
async function removeWithRetry(steps: readonly TeardownStep[], removal: number, context: ActionContext): Promise<void> {
  const remove = steps[removal]!;
  context.log(`[${removal + 1}/${steps.length}] ${describeStep(remove)}`);
  try {
    await runStep(remove, context);
  } catch (error) {
    context.log(`  removal failed (${error instanceof Error ? error.message : String(error)}); emptying the buckets again and retrying once`);
    for (const step of steps.filter((candidate) => candidate.kind === 'empty-bucket')) await runStep(step, context);
    await runStep(remove, context);
  }
}
