// What GitHub Actions deploys with, as a stack of its own deployed once by an administrator: the
// GitHub OIDC identity provider and a role that only this repository's branch may assume (the
// token's aud and sub conditions), which may only assume this app's CDK bootstrap roles (its
// qualifier's deploy, file-publishing and lookup roles, in this account and region) and start and
// watch this app's re-render state machines. No long-lived keys; nothing else in the account.
import { Aws, CfnOutput, Duration, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import { Effect, OidcProviderNative, PolicyStatement, Role, WebIdentityPrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

export interface GitHubDeployStackProps extends StackProps {
  /** owner/name of the repository whose workflow deploys. */
  repository: string;
  /** The branch it deploys from (default main). */
  branch?: string;
  /** The CDK bootstrap qualifier this app is deployed with (cdk bootstrap --qualifier). */
  qualifier: string;
  /** The re-render state machines the workflow starts after each stage's deploy. */
  stateMachineNames: string[];
  /** The ARN of a GitHub OIDC provider the account already has (an account has at most one); otherwise one is made. */
  existingProviderArn?: string;
}

export class GitHubDeployStack extends Stack {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: GitHubDeployStackProps) {
    super(scope, id, props);
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.repository)) throw new Error(`repository must be owner/name, not ${props.repository}`);
    const branch = props.branch ?? 'main';
    const providerArn = props.existingProviderArn ?? new OidcProviderNative(this, 'GitHubOidc', { url: `https://${GITHUB_OIDC_HOST}`, clientIds: ['sts.amazonaws.com'] }).oidcProviderArn;

    this.role = new Role(this, 'DeployRole', {
      description: `GitHub Actions in ${props.repository} on ${branch}: assumes this app's CDK bootstrap roles and starts its re-renders.`,
      maxSessionDuration: Duration.hours(1),
      // A job that names a GitHub environment gets sub repo:<repo>:environment:<name> instead, and is refused.
      assumedBy: new WebIdentityPrincipal(providerArn, {
        StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC_HOST}:sub`]: `repo:${props.repository}:ref:refs/heads/${branch}` },
      }),
    });
    const bootstrapRole = (kind: string) => `arn:${Aws.PARTITION}:iam::${this.account}:role/cdk-${props.qualifier}-${kind}-role-${this.account}-${this.region}`;
    this.role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['sts:AssumeRole', 'sts:TagSession'], resources: ['deploy', 'file-publishing', 'lookup'].map(bootstrapRole) }));
    const machine = (name: string) => `arn:${Aws.PARTITION}:states:${this.region}:${this.account}:stateMachine:${name}`;
    const executions = (name: string) => `arn:${Aws.PARTITION}:states:${this.region}:${this.account}:execution:${name}:*`;
    this.role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['states:StartExecution'], resources: props.stateMachineNames.map(machine) }));
    this.role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['states:DescribeExecution'], resources: props.stateMachineNames.map(executions) }));
    const [region, account] = [Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region, Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account];
    for (const name of props.stateMachineNames) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${region}:${account}:execution:${name}:*]`,
        reason: `The workflow watches the execution of ${name} it started; execution names are made per run.`,
      });
    }
    new CfnOutput(this, 'DeployRoleArn', { value: this.role.roleArn, description: 'Set as the repository variable DEPLOY_ROLE_ARN.' });
  }
}
