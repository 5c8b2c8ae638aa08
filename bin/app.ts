// The CDK app: the dev and prod stages of DocgenStack (`-c stage=dev|prod|all`, both by default;
// prod keeps the id CouncilDocgen), and, given `-c githubRepository=owner/name`, the stack with
// GitHub's OIDC provider and the deploy role. `npx cdk synth` works offline, with no AWS credentials.
import { App, DefaultStackSynthesizer, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DocgenStack } from '../lib/docgen-stack.ts';
import { GitHubDeployStack } from '../lib/github-deploy-stack.ts';
import { rerenderStateMachineName, stagesOf, STAGES } from '../lib/stages.ts';

/** An empty variable (`CDK_DEFAULT_ACCOUNT=`, or a CI variable that is not set) counts as unset. */
const given = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const env = { account: given(process.env.CDK_DEFAULT_ACCOUNT), region: given(process.env.CDK_DEFAULT_REGION) ?? 'eu-west-2' };
// The bootstrap qualifier (cdk bootstrap --qualifier): CDK's own context key, CDK's default if unset.
const qualifier = given(app.node.tryGetContext('@aws-cdk/core:bootstrapQualifier')) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
const templateVersion = given(app.node.tryGetContext('templateVersion')) ?? given(process.env.TEMPLATE_VERSION);

for (const { stage, stackId } of stagesOf(app.node.tryGetContext('stage'))) {
  new DocgenStack(app, stackId, { templateVersion, env, description: `Council docgen (${stage}): uploads, render, published formats, downloads and the re-render after a deploy.` });
}

const repository = given(app.node.tryGetContext('githubRepository'));
if (repository) {
  new GitHubDeployStack(app, 'CouncilDocgen-GitHubDeploy', {
    repository,
    branch: given(app.node.tryGetContext('githubBranch')) ?? 'main',
    qualifier,
    stateMachineNames: Object.values(STAGES).map((s) => rerenderStateMachineName(s.stackId)),
    existingProviderArn: given(app.node.tryGetContext('githubOidcProviderArn')),
    env,
  });
}
app.synth();
