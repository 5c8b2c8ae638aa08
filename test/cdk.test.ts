// The CDK stack, checked with aws-cdk-lib assertions and cdk-nag's AwsSolutions pack.
import { describe, expect, it } from 'vitest';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DocgenStack, type DocgenStackProps } from '../lib/docgen-stack.ts';
import { RENDER_BUNDLE, assetCommands, esbuildOptions, renderBundling } from '../lib/bundling.ts';
import { RENDER_INPUTS, codeFingerprint } from '../src/pipeline/fingerprint.ts';
import { DIRECTORY_INDEX_FILE } from '../lib/functions/index.ts';

const ROOT = resolve(import.meta.dirname, '..');

// Skip esbuild in tests: test/deployed-bundle.test.ts, the bench and `npm run synth` bundle for real.
const newApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

function synth(props: Partial<DocgenStackProps> = {}) {
  const app = newApp();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new DocgenStack(app, 'Test', { templateVersion: 'abc123', ...props });
  const assembly = app.synth(); // throws on any unacknowledged cdk-nag finding
  return { template: Template.fromStack(stack), assembly };
}

const { template } = synth();

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>>; Principal?: unknown };
const actions = (s: Statement) => [s.Action].flat().sort();
const resourceOf = (type: string, prefix: string) => {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}*`).toHaveLength(1);
  return found[0];
};
const policyOf = (roleId: string): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy')).find((p) => JSON.stringify(p.Properties.Roles).includes(roleId))!.Properties.PolicyDocument.Statement;
/** A statement's actions, the prefix its object resource names (or 'bucket'), and its s3:prefix condition. */
const s3Summary = (statements: Statement[]) =>
  statements
    .filter((s) => actions(s).some((a) => a.startsWith('s3:')))
    .map((s) => ({
      actions: actions(s),
      on: /\/([a-z]+)\/\*/.exec(JSON.stringify(s.Resource))?.[1] ?? 'bucket',
      prefixes: (s.Condition?.StringLike?.['s3:prefix'] as string[] | undefined) ?? null,
    }));

describe('CDK stack', () => {
  it('has four private, encrypted, versioned, TLS-only buckets (uploads, published, access logs, re-render records), three of them logged', () => {
    template.resourceCountIs('AWS::S3::Bucket', 4);
    for (const b of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(b.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    }
    expect(Object.values(template.findResources('AWS::S3::Bucket')).filter((b) => b.Properties.LoggingConfiguration)).toHaveLength(3);
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(4);
    for (const p of policies) {
      expect(p.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });

  it('expires only old versions of validation reports, never an upload or a publication', () => {
    const [, uploads] = resourceOf('AWS::S3::Bucket', 'Uploads');
    expect(uploads.Properties.LifecycleConfiguration.Rules).toEqual([
      { Id: 'ExpireOldReportVersions', Prefix: 'reports/', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 }, ExpiredObjectDeleteMarker: true },
    ]);
    const [, published] = resourceOf('AWS::S3::Bucket', 'Published');
    expect(published.Properties.LifecycleConfiguration).toBeUndefined();
  });

  it('invokes the render function for every object created under incoming/, and the handler picks the content files', () => {
    const notifs = Object.values(template.findResources('Custom::S3BucketNotifications'));
    expect(notifs).toHaveLength(1);
    const config = notifs[0].Properties.NotificationConfiguration;
    // One notification, prefix only: S3 suffix filters are case-sensitive (Report.YAML would never
    // arrive), so CONTENT_FILE in src/pipeline/upload.ts decides, case-insensitively.
    expect(config.LambdaFunctionConfigurations).toHaveLength(1);
    const [only] = config.LambdaFunctionConfigurations;
    expect(only.Filter.Key.FilterRules).toEqual([{ Name: 'prefix', Value: 'incoming/' }]);
    expect(only.Events).toEqual(['s3:ObjectCreated:*']);
    expect(JSON.stringify(only.LambdaFunctionArn)).toContain(resourceOf('AWS::Lambda::Function', 'Render')[0]);
    // Deleting an upload does not republish or unpublish: no ObjectRemoved notification of any kind.
    expect(JSON.stringify(config)).not.toMatch(/ObjectRemoved/);
    expect(Object.keys(config).filter((k) => /Configurations$/.test(k))).toEqual(['LambdaFunctionConfigurations']);
  });

  it('runs on Node 24, arm64, with retries, a dead-letter queue and alarms on it, on errors and on failed re-renders', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 3584,
      Handler: 'index.handler',
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      Environment: { Variables: Match.objectLike({ TEMPLATE_VERSION: 'abc123', DOCGEN_ASSETS: '/var/task/assets' }) },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/States', MetricName: 'ExecutionsFailed', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible' });
    const [fnId] = resourceOf('AWS::Lambda::Function', 'Render');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }],
    });
  });

  it('bundles the render function for its runtime, with the whole assets/ folder beside it', () => {
    const [, fn] = resourceOf('AWS::Lambda::Function', 'Render');
    expect(fn.Properties.Runtime).toBe(`nodejs${RENDER_BUNDLE.target.replace('node', '')}.x`);
    expect(RENDER_BUNDLE.assets).toEqual(['assets']);
    expect(assetCommands('/in', '/out')).toEqual(['cp -R "/in/assets" "/out/assets"']);
    expect(renderBundling().commandHooks?.afterBundling('/in', '/out')).toEqual(assetCommands('/in', '/out'));
    expect(fn.Properties.Environment.Variables.DOCGEN_ASSETS).toBe('/var/task/assets');
  });

  it('passes the render fingerprint beside the template version', () => {
    const [, fn] = resourceOf('AWS::Lambda::Function', 'Render');
    const vars = fn.Properties.Environment.Variables;
    expect(vars.DOCGEN_FINGERPRINT).toBe(codeFingerprint(ROOT));
    expect(vars.DOCGEN_FINGERPRINT).toMatch(/^[0-9a-f]{16}$/);
    expect(vars.TEMPLATE_VERSION).toBe('abc123');
  });

  it('fingerprints every project file the render bundle is built from (esbuild\'s own list of its inputs)', async () => {
    const { build } = await import('esbuild');
    const out = mkdtempSync(join(tmpdir(), 'docgen-meta-'));
    try {
      const { metafile } = await build({ ...esbuildOptions(ROOT, out), metafile: true, write: false });
      const ours = Object.keys(metafile.inputs).filter((f) => !f.startsWith('node_modules/') && !f.includes(':'));
      expect(ours.length).toBeGreaterThan(100);
      // package.json is read for its version alone, which the fingerprint hashes.
      expect(ours.filter((f) => f !== 'package.json' && !RENDER_INPUTS.some((i) => f === i || f.startsWith(`${i}/`)))).toEqual([]);
      expect(ours).toContain('vendor/liblouis/liblouis.cjs');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('reserves concurrency for the render function: 10 unless the stack is told otherwise', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', ReservedConcurrentExecutions: 10 });
    synth({ renderConcurrency: 3 }).template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', ReservedConcurrentExecutions: 3 });
    for (const bad of [0, -1, 2.5]) expect(() => new DocgenStack(newApp(), 'Bad', { renderConcurrency: bad })).toThrow(/renderConcurrency/);
  });

  it('sends every alarm (the dead-letter queue’s included) to an SNS topic encrypted with a rotated customer key that CloudWatch may use, TLS only', () => {
    const [topicId, topic] = resourceOf('AWS::SNS::Topic', 'RenderAlarms');
    const [keyId, key] = resourceOf('AWS::KMS::Key', 'AlarmTopicKey');
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]),
    );
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);

    const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.Topics).toEqual([{ Ref: topicId }]);
    const statements: Statement[] = policies[0].Properties.PolicyDocument.Statement;
    expect(statements).toEqual(expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]));
    // The topic policy replaces SNS's default, so it lets CloudWatch publish, for these alarms only.
    const allow = statements.filter((s) => s.Effect === 'Allow');
    expect(allow).toHaveLength(1);
    expect(allow[0]).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: topicId } });
    const alarmIds = Object.keys(template.findResources('AWS::CloudWatch::Alarm')).sort();
    expect((allow[0].Condition!.ArnEquals['aws:SourceArn'] as { 'Fn::GetAtt': string[] }[]).map((a) => a['Fn::GetAtt'][0]).sort()).toEqual(alarmIds);
  });

  it('subscribes the AlarmEmail parameter to the topic, only when it is given', () => {
    const [topicId] = resourceOf('AWS::SNS::Topic', 'RenderAlarms');
    template.hasParameter('AlarmEmail', { Type: 'String', Default: '' });
    template.hasCondition('HasAlarmEmail', { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmEmail' }, ''] }] });
    const subs = Object.values(template.findResources('AWS::SNS::Subscription'));
    expect(subs).toHaveLength(1);
    expect(subs[0].Condition).toBe('HasAlarmEmail');
    expect(subs[0].Properties).toEqual({ Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' }, TopicArn: { Ref: topicId } });
    const pattern = new RegExp(template.toJSON().Parameters.AlarmEmail.AllowedPattern);
    for (const ok of ['', 'duty.officer@council.gov.uk']) expect(ok).toMatch(pattern);
    for (const bad of ['not an email', 'a@b c']) expect(bad).not.toMatch(pattern);
  });

  it('gives the render function only the S3 access it needs, each scoped to one prefix', () => {
    const [roleId, role] = resourceOf('AWS::IAM::Role', 'RenderRole');
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const policy = policyOf(roleId);
    expect(s3Summary(policy)).toEqual([
      { actions: ['s3:GetObject', 's3:GetObjectVersion'], on: 'incoming', prefixes: null },
      { actions: ['s3:ListBucket'], on: 'bucket', prefixes: ['incoming/*'] },
      { actions: ['s3:DeleteObject', 's3:PutObject'], on: 'reports', prefixes: null },
      { actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], on: 'published', prefixes: null },
      { actions: ['s3:ListBucket'], on: 'bucket', prefixes: ['published/*'] },
    ]);
    // incoming/ and reports/ are in the uploads bucket; published/ in the published bucket.
    const [uploadsId] = resourceOf('AWS::S3::Bucket', 'Uploads');
    const [publishedId] = resourceOf('AWS::S3::Bucket', 'Published');
    const s3 = policy.filter((s) => actions(s).some((a) => a.startsWith('s3:')));
    expect(s3.map((s) => (JSON.stringify(s.Resource).includes(uploadsId) ? 'uploads' : JSON.stringify(s.Resource).includes(publishedId) ? 'published' : '?'))).toEqual([
      'uploads',
      'uploads',
      'uploads',
      'published',
      'published',
    ]);
    expect(JSON.stringify(policy)).not.toMatch(/"s3:\*"|"Resource":"\*"|s3:[A-Za-z]*\*/);
    expect(policy.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it('has an uploader role for this account: put under incoming/, read reports/, list those two, nothing else', () => {
    const [roleId, role] = resourceOf('AWS::IAM::Role', 'UploaderRole');
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
    const trust: Statement[] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole' });
    expect(JSON.stringify(trust[0].Principal)).toMatch(/^\{"AWS":\{"Fn::Join":\["",\["arn:",\{"Ref":"AWS::Partition"\},":iam::",\{"Ref":"AWS::AccountId"\},":root"\]\]\}\}$/);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId));
    expect(policies).toHaveLength(1);
    const statements = policyOf(roleId);
    expect(s3Summary(statements)).toEqual([
      { actions: ['s3:PutObject'], on: 'incoming', prefixes: null },
      { actions: ['s3:GetObject'], on: 'reports', prefixes: null },
      { actions: ['s3:ListBucket'], on: 'bucket', prefixes: ['incoming/*', 'reports/*'] },
    ]);
    expect(statements).toHaveLength(3);
    const [uploadsId] = resourceOf('AWS::S3::Bucket', 'Uploads');
    for (const s of statements) expect(JSON.stringify(s.Resource)).toContain(uploadsId);
    template.hasOutput('UploaderRoleArn', { Value: { 'Fn::GetAtt': [roleId, 'Arn'] } });
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

  it('serves a folder address as its index.html with a CloudFront Function on viewer request of the default behaviour', () => {
    const [fnId, fn] = resourceOf('AWS::CloudFront::Function', 'DirectoryIndex');
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.Properties.AutoPublish).toBe(true);
    // The deployed code is the file the tests run (test/addresses.test.ts).
    expect(fn.Properties.FunctionCode).toBe(readFileSync(DIRECTORY_INDEX_FILE, 'utf8'));
    const [, distribution] = resourceOf('AWS::CloudFront::Distribution', 'Downloads');
    expect(distribution.Properties.DistributionConfig.DefaultCacheBehavior.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } }]);
    expect(distribution.Properties.DistributionConfig.CacheBehaviors).toBeUndefined(); // one behaviour: every path goes through it
  });

  it('passes cdk-nag AwsSolutions with every acknowledgement given a reason', () => {
    // synth() above would have thrown on an unacknowledged finding; here an unsafe bucket must fail.
    const app = newApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'Unsafe');
    new Bucket(stack, 'Open');
    expect(() => app.synth()).toThrow();
  });

  it('synthesises from bin/app.ts when CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION are set but empty', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cdk-app-'));
    try {
      await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
        cwd: ROOT,
        // As the CDK CLI runs the app: the output folder and context come in the environment.
        env: { ...process.env, CDK_DEFAULT_ACCOUNT: '', CDK_DEFAULT_REGION: '', TEMPLATE_VERSION: '', CDK_OUTDIR: out, CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [] }) },
      });
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.artifacts.CouncilDocgen.environment).toBe('aws://unknown-account/eu-west-2');
      const fn = Object.entries(JSON.parse(readFileSync(join(out, 'CouncilDocgen.template.json'), 'utf8')).Resources as Record<string, { Type: string; Properties: { Handler?: string; Environment?: { Variables: Record<string, string> } } }>).find(
        ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('Render') && r.Properties.Handler === 'index.handler',
      )![1];
      // Both stages, from one app; the dev stack is in the same environment.
      expect(manifest.artifacts['CouncilDocgen-dev'].environment).toBe('aws://unknown-account/eu-west-2');
      expect(fn.Properties.Environment!.Variables.TEMPLATE_VERSION).toBe('unversioned');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
