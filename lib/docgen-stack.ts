// The AWS stack: uploads bucket → render function → published bucket → CloudFront for residents.
// Secure by default: private encrypted buckets, TLS only, access logs, least-privilege IAM,
// retries with a dead-letter queue, alarms that notify an encrypted SNS topic, and the re-render after
// a deploy (lib/rerender.ts). Stack outputs name the buckets, the download domain and the state machine.
import { CfnCondition, CfnOutput, CfnParameter, Duration, Fn, RemovalPolicy, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AllowedMethods, Distribution, Function as CloudFrontFunction, FunctionCode, FunctionEventType, FunctionRuntime, HttpVersion, ResponseHeadersPolicy, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AccountRootPrincipal, Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, CfnBucket, EventType, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { CfnSubscription, Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { codeFingerprint } from '../src/pipeline/fingerprint.ts';
import { RENDER_BUNDLE, renderBundling } from './bundling.ts';
import { SECURE_BUCKET } from './secure-bucket.ts';
import { DIRECTORY_INDEX_FILE } from './functions/index.ts';
import { Rerender } from './rerender.ts';
import { rerenderStateMachineName } from './stages.ts';

export interface DocgenStackProps extends StackProps {
  /** Stamped into every manifest (CI passes the commit). */
  templateVersion?: string;
  /**
   * Reserved concurrency of the render function (default 10): at most this many uploads render at
   * once, so a burst of uploads cannot take the account's whole concurrency (or run up the bill),
   * and the function always has this much. It is taken from the account's pool: Lambda refuses a
   * reservation that leaves less than 100 unreserved (new accounts may have a quota of only 10 in
   * all), so check the account's concurrency quota before raising it. Uploads beyond it wait in
   * Lambda's asynchronous event queue and are retried (for up to six hours), then go to the
   * dead-letter queue.
   */
  renderConcurrency?: number;
  /** Publications the re-render after a deploy renders at once (its Distributed Maps' MaxConcurrency; default 10). */
  rerenderConcurrency?: number;
}

const ROOT = join(import.meta.dirname, '..');

export class DocgenStack extends Stack {
  readonly input: Bucket;
  readonly output: Bucket;
  readonly renderFunction: NodejsFunction;
  readonly distribution: Distribution;
  readonly alarmTopic: Topic;
  readonly uploaderRole: Role;
  readonly rerender: Rerender;

  constructor(scope: Construct, id: string, props: DocgenStackProps = {}) {
    super(scope, id, props);

    const renderConcurrency = props.renderConcurrency ?? 10;
    if (!Token.isUnresolved(renderConcurrency) && (!Number.isInteger(renderConcurrency) || renderConcurrency < 1)) {
      throw new Error(`renderConcurrency must be a whole number of at least 1, not ${renderConcurrency}`);
    }

    const secure = SECURE_BUCKET;
    // CloudFront standard logs are delivered with ACLs, so this bucket alone allows object-writer ACLs.
    const logs = new Bucket(this, 'AccessLogs', { ...secure, objectOwnership: ObjectOwnership.OBJECT_WRITER, lifecycleRules: [{ expiration: Duration.days(365) }] });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself; logging it to itself would loop.' });
    this.input = new Bucket(this, 'Uploads', {
      ...secure,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'uploads/',
      // Only old validation reports expire (a report is replaced or removed at each upload); uploads,
      // current or not, are the council's record and are never expired.
      lifecycleRules: [{ id: 'ExpireOldReportVersions', prefix: 'reports/', noncurrentVersionExpiration: Duration.days(90), expiredObjectDeleteMarker: true }],
    });
    this.output = new Bucket(this, 'Published', { ...secure, serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'published/' });

    // Alarms notify one topic, encrypted with our own key: CloudWatch cannot use the AWS-managed
    // SNS key, so the key policy lets CloudWatch encrypt the messages it publishes.
    const alarmKey = new Key(this, 'AlarmTopicKey', { description: 'Encrypts the render alarm topic', enableKeyRotation: true });
    alarmKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, "*" is this key
      }),
    );
    this.alarmTopic = new Topic(this, 'RenderAlarms', { displayName: 'Council docgen render alarms', masterKey: alarmKey, enforceSSL: true });
    const alarmEmail = new CfnParameter(this, 'AlarmEmail', {
      type: 'String',
      default: '',
      description: 'Email address told when renders fail (it must confirm the subscription); empty for none.',
      allowedPattern: '^$|^[^\\s@]+@[^\\s@]+$',
      constraintDescription: 'must be an email address, or empty',
    });
    const hasAlarmEmail = new CfnCondition(this, 'HasAlarmEmail', { expression: Fn.conditionNot(Fn.conditionEquals(alarmEmail.valueAsString, '')) });
    const subscription = new CfnSubscription(this, 'AlarmEmailSubscription', { topicArn: this.alarmTopic.topicArn, protocol: 'email', endpoint: alarmEmail.valueAsString });
    subscription.cfnOptions.condition = hasAlarmEmail;

    const dlq = new Queue(this, 'RenderFailures', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the render function; it needs no dead-letter queue of its own.' });
    const dlqAlarm = new Alarm(this, 'RenderFailuresAlarm', {
      alarmDescription: 'An upload failed to render after retries; see the dead-letter queue.',
      metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const logGroup = new LogGroup(this, 'RenderLogs', { retention: RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    // Our own role, so the function gets only what it uses (no managed policies).
    const role = new Role(this, 'RenderRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);

    // What makes a version: the re-render function gets the same, so it computes the versions uploads do.
    const renderEnvironment = {
      TEMPLATE_VERSION: props.templateVersion ?? 'unversioned',
      // The hash of the code and assets that render (src/pipeline/fingerprint.ts), at synth.
      DOCGEN_FINGERPRINT: codeFingerprint(ROOT),
      DOCGEN_ASSETS: '/var/task/assets',
    };
    const memorySize = 3584;
    this.renderFunction = new NodejsFunction(this, 'Render', {
      // The bundle (esbuild options, and assets/ copied beside it) is defined once in lib/bundling.ts.
      entry: join(ROOT, RENDER_BUNDLE.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      // Sized for CPU, not memory (peak RSS ~350 MB). A publication's outputs are shared by two
      // render workers (src/pipeline/lanes.ts), and a cold render leans on V8's background
      // compiler and garbage collector. Lambda gives two vCPUs from 3,538 MB (one at 1,769).
      memorySize,
      timeout: Duration.minutes(2),
      reservedConcurrentExecutions: renderConcurrency,
      role,
      logGroup,
      retryAttempts: 2,
      deadLetterQueue: dlq,
      environment: { INPUT_BUCKET: this.input.bucketName, OUTPUT_BUCKET: this.output.bucketName, ...renderEnvironment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: renderBundling(),
    });
    const errorsAlarm = new Alarm(this, 'RenderErrorsAlarm', {
      alarmDescription: 'The render function failed (an exception or a timeout); Lambda retries the event twice, then puts it on the dead-letter queue.',
      metric: this.renderFunction.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // Re-rendering every publication after a deploy (lib/rerender.ts): its own functions, the same pipeline.
    this.rerender = new Rerender(this, 'Rerender', {
      input: this.input,
      output: this.output,
      logs,
      environment: renderEnvironment,
      memorySize,
      maxConcurrency: props.rerenderConcurrency,
      stateMachineName: rerenderStateMachineName(this.stackName),
    });
    const alarms = [dlqAlarm, errorsAlarm, this.rerender.failuresAlarm];
    for (const alarm of alarms) alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    // A topic policy replaces SNS's default one, so CloudWatch needs leave to publish: these alarms only.
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowRenderAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': alarms.map((a) => a.alarmArn) } },
      }),
    );

    // Least privilege: read uploads (and the exact version an event names) under incoming/, write
    // and remove reports/, write, read and remove published/ (incomplete versions of failed renders).
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [this.input.arnForObjects('incoming/*')] }));
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [this.input.bucketArn], conditions: { StringLike: { 's3:prefix': ['incoming/*'] } } }));
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject', 's3:DeleteObject'], resources: [this.input.arnForObjects('reports/*')] }));
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], resources: [this.output.arnForObjects('published/*')] }));
    // GetObject on a missing key answers 403 without ListBucket; with it, 404, which the pipeline expects.
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [this.output.bucketArn], conditions: { StringLike: { 's3:prefix': ['published/*'] } } }));
    // Each object wildcard is one prefix of one bucket: the function handles any file under it, and nothing else.
    const arn = (b: Bucket) => `<${this.getLogicalId(b.node.defaultChild as CfnBucket)}.Arn>`;
    for (const [bucket, prefix, why] of [
      [this.input, 'incoming', 'reads any upload (content files and the pictures beside them, by the version the event names) under incoming/'],
      [this.input, 'reports', 'writes and removes the validation report of any upload under reports/'],
      [this.output, 'published', 'writes any publication, reads back its manifest to skip repeated events, and removes the incomplete version folders of failed renders, under published/'],
    ] as const) {
      Validations.of(role).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::${arn(bucket)}/${prefix}/*]`, reason: `The render function ${why}.` });
    }
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's own BucketNotificationsHandler custom resource: it runs only at deploy time to set the bucket notifications, and writes only its logs.",
    });

    // People and systems in this account that upload content assume this role: they may add files
    // under incoming/ and read the validation reports, and nothing else (no delete, no published/).
    this.uploaderRole = new Role(this, 'UploaderRole', {
      assumedBy: new AccountRootPrincipal(),
      description: 'Uploads content under incoming/ of the uploads bucket and reads the validation reports under reports/.',
    });
    this.uploaderRole.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject'], resources: [this.input.arnForObjects('incoming/*')] }));
    this.uploaderRole.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject'], resources: [this.input.arnForObjects('reports/*')] }));
    this.uploaderRole.addToPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [this.input.bucketArn], conditions: { StringLike: { 's3:prefix': ['incoming/*', 'reports/*'] } } }),
    );
    Validations.of(this.uploaderRole).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${arn(this.input)}/incoming/*]`,
      reason: 'Uploaders add content files and pictures under any name and folder below incoming/ (PutObject only); the prefix is the boundary.',
    });
    Validations.of(this.uploaderRole).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${arn(this.input)}/reports/*]`,
      reason: 'Uploaders read the validation report of any of their uploads, each named after its upload below reports/ (GetObject only).',
    });
    new CfnOutput(this, 'UploaderRoleArn', { value: this.uploaderRole.roleArn, description: 'Assume this role to upload content under incoming/ and read reports/.' });

    // Every object created under incoming/ invokes the function, whatever its name: S3 suffix
    // filters are case-sensitive, so the handler decides which keys are content files
    // (CONTENT_FILE in src/pipeline/upload.ts, case-insensitive) and ignores the rest.
    // Deleting an upload does not republish: there is no ObjectRemoved notification.
    this.input.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.renderFunction), { prefix: 'incoming/' });

    // Origin access control fetches keys, not folders: this function serves published/<id>/ and
    // published/ as their index.html (the stable download page and the publications index).
    const directoryIndex = new CloudFrontFunction(this, 'DirectoryIndex', {
      comment: 'Serves a folder address as its index.html',
      code: FunctionCode.fromFile({ filePath: DIRECTORY_INDEX_FILE }),
      runtime: FunctionRuntime.JS_2_0,
    });
    this.distribution = new Distribution(this, 'Downloads', {
      comment: 'Residents download published formats',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.output),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR1', reason: 'Council publications are public information for anyone, wherever they are; no geographic restriction.' });
    Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR2', reason: 'Read-only static files from a private bucket; a WAF web ACL can be attached per council where its policy asks for one.' });
    Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR4', reason: 'The default cloudfront.net certificate is used until a council adds its own domain; viewers are redirected to HTTPS.' });

    // What the README's commands and the deploy workflow read (aws cloudformation describe-stacks).
    new CfnOutput(this, 'UploadsBucketName', { value: this.input.bucketName, description: 'Upload content under incoming/ of this bucket; reports/ holds the validation reports.' });
    new CfnOutput(this, 'PublishedBucketName', { value: this.output.bucketName, description: 'The published formats, under published/<id>/.' });
    new CfnOutput(this, 'DownloadDomain', { value: this.distribution.distributionDomainName, description: 'Residents read and download at https://<this>/published/<id>/.' });
    new CfnOutput(this, 'RerenderStateMachineArn', { value: this.rerender.stateMachine.stateMachineArn, description: 'Start it after a deploy to re-render every publication whose render fingerprint changed.' });
    new CfnOutput(this, 'RerenderReportsBucketName', { value: this.rerender.reports.bucketName, description: 'Each re-render\'s report, under reports/<execution>.json.' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'Render, dead-letter and re-render alarms notify this topic.' });
  }
}
