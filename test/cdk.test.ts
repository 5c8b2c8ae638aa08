// The CDK stack, checked with aws-cdk-lib assertions and cdk-nag's AwsSolutions pack.
import { describe, expect, it } from 'vitest';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DocgenStack } from '../lib/docgen-stack.ts';

// Skip esbuild in tests: the bench and `npm run synth` bundle for real.
const newApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

function synth() {
  const app = newApp();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new DocgenStack(app, 'Test', { templateVersion: 'abc123' });
  const assembly = app.synth(); // throws on any unacknowledged cdk-nag finding
  return { template: Template.fromStack(stack), assembly };
}

const { template } = synth();

describe('CDK stack', () => {
  it('has three private, encrypted, versioned, TLS-only buckets, two of them logged', () => {
    template.resourceCountIs('AWS::S3::Bucket', 3);
    for (const b of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(b.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    }
    expect(Object.values(template.findResources('AWS::S3::Bucket')).filter((b) => b.Properties.LoggingConfiguration)).toHaveLength(2);
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(3);
    for (const p of policies) {
      expect(p.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });

  it('triggers the render function for content files under incoming/ only', () => {
    const notif = Object.values(template.findResources('Custom::S3BucketNotifications'))[0];
    const configs = notif.Properties.NotificationConfiguration.LambdaFunctionConfigurations;
    expect(configs).toHaveLength(3);
    const rules = configs.map((c: { Filter: { Key: { FilterRules: { Name: string; Value: string }[] } } }) => Object.fromEntries(c.Filter.Key.FilterRules.map((r) => [r.Name, r.Value])));
    expect(rules.map((r: Record<string, string>) => r.prefix)).toEqual(['incoming/', 'incoming/', 'incoming/']);
    expect(rules.map((r: Record<string, string>) => r.suffix).sort()).toEqual(['.json', '.yaml', '.yml']);
    for (const c of configs) expect(c.Events).toEqual(['s3:ObjectCreated:*']);
  });

  it('runs on Node 24, arm64, with retries, a dead-letter queue and an alarm on it', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 3584,
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      Environment: { Variables: Match.objectLike({ TEMPLATE_VERSION: 'abc123', DOCGEN_ASSETS: '/var/task/assets' }) },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', MetricName: 'ApproximateNumberOfMessagesVisible' });
  });

  it('gives the render function only the S3 access it needs, each scoped to one prefix', () => {
    const role = Object.entries(template.findResources('AWS::IAM::Role')).find(([id]) => id.startsWith('RenderRole'))!;
    expect(role[1].Properties.ManagedPolicyArns).toBeUndefined();
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p) => JSON.stringify(p.Properties.Roles).includes(role[0]))!;
    const s3 = policy.Properties.PolicyDocument.Statement.filter((s: { Action: string | string[] }) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    const summary = s3.map((s: { Action: string | string[]; Resource: unknown; Condition?: unknown }) => ({ actions: [s.Action].flat().sort(), resource: JSON.stringify(s.Resource), condition: JSON.stringify(s.Condition ?? null) }));
    expect(summary).toHaveLength(5);
    const objects = summary.filter((s: { actions: string[] }) => !s.actions.includes('s3:ListBucket'));
    expect(objects.map((s: { actions: string[]; resource: string }) => [s.actions, /\/(incoming|reports|published)\/\*/.exec(s.resource)?.[1]])).toEqual([
      [['s3:GetObject'], 'incoming'],
      [['s3:DeleteObject', 's3:PutObject'], 'reports'],
      [['s3:GetObject', 's3:PutObject'], 'published'],
    ]);
    for (const l of summary.filter((s: { actions: string[] }) => s.actions.includes('s3:ListBucket'))) expect(l.condition).toMatch(/s3:prefix.*(incoming|published)\/\*/);
    expect(JSON.stringify(policy)).not.toMatch(/"s3:\*"|"Resource":"\*"/);
  });

  it('serves residents through CloudFront with origin access control, HTTPS only', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  it('passes cdk-nag AwsSolutions with every acknowledgement given a reason', () => {
    // synth() above would have thrown on an unacknowledged finding; here an unsafe bucket must fail.
    const app = newApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'Unsafe');
    new Bucket(stack, 'Open');
    expect(() => app.synth()).toThrow();
  });
});
