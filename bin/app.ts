// The CDK app: one DocgenStack. `npx cdk synth` works offline, with no AWS credentials.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DocgenStack } from '../lib/docgen-stack.ts';

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
new DocgenStack(app, 'CouncilDocgen', {
  templateVersion: app.node.tryGetContext('templateVersion') ?? process.env.TEMPLATE_VERSION,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-2' },
});
app.synth();
