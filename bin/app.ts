// The CDK app: one DocgenStack. `npx cdk synth` works offline, with no AWS credentials.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DocgenStack } from '../lib/docgen-stack.ts';

/** An empty variable (`CDK_DEFAULT_ACCOUNT=`, or a CI variable that is not set) counts as unset. */
const given = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
new DocgenStack(app, 'CouncilDocgen', {
  templateVersion: given(app.node.tryGetContext('templateVersion')) ?? given(process.env.TEMPLATE_VERSION),
  env: { account: given(process.env.CDK_DEFAULT_ACCOUNT), region: given(process.env.CDK_DEFAULT_REGION) ?? 'eu-west-2' },
});
app.synth();
