// The deployment stages one app synthesises: dev and prod, chosen with `-c stage=dev|prod|all`
// (all by default, so `cdk synth` shows both). Prod keeps the stack id the single stack always had
// (CouncilDocgen), so its logical ids, and with them its retained buckets, stay as they are.
export type StageName = 'dev' | 'prod';

export interface StageSpec {
  stage: StageName;
  /** The CDK stack id, which is also the CloudFormation stack name. */
  stackId: string;
}

export const STAGES: Record<StageName, StageSpec> = {
  dev: { stage: 'dev', stackId: 'CouncilDocgen-dev' },
  prod: { stage: 'prod', stackId: 'CouncilDocgen' },
};

/** The stages the `stage` context names; a name it does not know is an error, not a silent default. */
export function stagesOf(context: unknown): StageSpec[] {
  const v = typeof context === 'string' ? context.trim() : context === undefined || context === null ? '' : String(context);
  if (v === '' || v === 'all') return [STAGES.dev, STAGES.prod];
  if (v === 'dev' || v === 'prod') return [STAGES[v]];
  throw new Error(`-c stage=${v}: the stage is dev, prod or all`);
}

/** The re-render state machine's name in a stage's stack (the deploy role may start only these). */
export const rerenderStateMachineName = (stackId: string) => `${stackId}-rerender`;
