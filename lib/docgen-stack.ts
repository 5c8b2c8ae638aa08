// The AWS stack: uploads bucket → render function → published bucket → CloudFront for residents.
// Secure by default: private encrypted buckets, TLS only, access logs, least-privilege IAM,
// retries with a dead-letter queue and an alarm on it.
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { AllowedMethods, Distribution, HttpVersion, ResponseHeadersPolicy, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, CfnBucket, BucketEncryption, EventType, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { ESM_BANNER, EXTERNAL } from './bundling.ts';

export interface DocgenStackProps extends StackProps {
  /** Stamped into every manifest (CI passes the commit). */
  templateVersion?: string;
}

const ROOT = join(import.meta.dirname, '..');

export class DocgenStack extends Stack {
  readonly input: Bucket;
  readonly output: Bucket;
  readonly renderFunction: NodejsFunction;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: DocgenStackProps = {}) {
    super(scope, id, props);

    const secure = {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    // CloudFront standard logs are delivered with ACLs, so this bucket alone allows object-writer ACLs.
    const logs = new Bucket(this, 'AccessLogs', { ...secure, objectOwnership: ObjectOwnership.OBJECT_WRITER, lifecycleRules: [{ expiration: Duration.days(365) }] });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself; logging it to itself would loop.' });
    this.input = new Bucket(this, 'Uploads', { ...secure, serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'uploads/' });
    this.output = new Bucket(this, 'Published', { ...secure, serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'published/' });

    const dlq = new Queue(this, 'RenderFailures', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the render function; it needs no dead-letter queue of its own.' });
    new Alarm(this, 'RenderFailuresAlarm', {
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

    this.renderFunction = new NodejsFunction(this, 'Render', {
      entry: join(ROOT, 'lambdas/render/handler.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      // Sized for CPU, not memory (peak RSS ~250 MB). A cold render leans on V8's background
      // compiler and garbage collector: `npm run bench` measures the Local Account cold in about
      // 2.8 s on two CPUs and 3.8 s on one. Lambda gives two vCPUs from 3,538 MB (one at 1,769).
      memorySize: 3584,
      timeout: Duration.minutes(2),
      role,
      logGroup,
      retryAttempts: 2,
      deadLetterQueue: dlq,
      environment: {
        INPUT_BUCKET: this.input.bucketName,
        OUTPUT_BUCKET: this.output.bucketName,
        TEMPLATE_VERSION: props.templateVersion ?? 'unversioned',
        DOCGEN_ASSETS: '/var/task/assets',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        forceDockerBundling: false,
        externalModules: EXTERNAL,
        banner: ESM_BANNER,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          // Fonts (with their licences) travel beside the bundle; the writer reads DOCGEN_ASSETS.
          afterBundling: (inputDir: string, outputDir: string) => [`mkdir -p "${outputDir}/assets"`, `cp -r "${inputDir}/assets/fonts" "${outputDir}/assets/fonts"`],
        },
      },
    });

    // Least privilege: read uploads under incoming/, write reports/, write and read published/.
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject'], resources: [this.input.arnForObjects('incoming/*')] }));
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [this.input.bucketArn], conditions: { StringLike: { 's3:prefix': ['incoming/*'] } } }));
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject', 's3:DeleteObject'], resources: [this.input.arnForObjects('reports/*')] }));
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject', 's3:GetObject'], resources: [this.output.arnForObjects('published/*')] }));
    // GetObject on a missing key answers 403 without ListBucket; with it, 404, which the pipeline expects.
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [this.output.bucketArn], conditions: { StringLike: { 's3:prefix': ['published/*'] } } }));
    // Each object wildcard is one prefix of one bucket: the function handles any file under it, and nothing else.
    const arn = (b: Bucket) => `<${this.getLogicalId(b.node.defaultChild as CfnBucket)}.Arn>`;
    for (const [bucket, prefix, why] of [
      [this.input, 'incoming', 'reads any upload (content files and the pictures beside them) under incoming/'],
      [this.input, 'reports', 'writes and removes the validation report of any upload under reports/'],
      [this.output, 'published', 'writes any publication, and reads back its manifest to skip repeated events, under published/'],
    ] as const) {
      Validations.of(role).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::${arn(bucket)}/${prefix}/*]`, reason: `The render function ${why}.` });
    }
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's own BucketNotificationsHandler custom resource: it runs only at deploy time to set the bucket notifications, and writes only its logs.",
    });

    for (const suffix of ['.yaml', '.yml', '.json']) {
      this.input.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.renderFunction), { prefix: 'incoming/', suffix });
    }

    this.distribution = new Distribution(this, 'Downloads', {
      comment: 'Residents download published formats',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.output),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR1', reason: 'Council publications are public information for anyone, wherever they are; no geographic restriction.' });
    Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR2', reason: 'Read-only static files from a private bucket; a WAF web ACL can be attached per council where its policy asks for one.' });
    Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR4', reason: 'The default cloudfront.net certificate is used until a council adds its own domain; viewers are redirected to HTTPS.' });
  }
}
