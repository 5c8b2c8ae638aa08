// The re-render after a deploy, on AWS's own distributed engine: a Step Functions state machine
// that plans every current publication (a Lambda reading each published/<id>/latest.json), then
// runs two Distributed Maps, papers and then agenda packs, each reading its items from the plan in
// S3 and invoking the re-render function with bounded concurrency, writing each child's result
// with a ResultWriter; then a Lambda makes the report and the execution fails if any publication
// failed. The re-render function runs the upload pipeline (src/rerender/engine.ts), so only
// publications whose render fingerprint (code, content and inputs) changed are rendered.
import { SECURE_BUCKET } from './secure-bucket.ts';
import { type CfnElement, type CfnResource, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Choice, Condition, DefinitionBody, DistributedMap, Fail, JsonPath, LogLevel, ResultWriter, S3JsonItemReader, StateMachine, StateMachineType, Succeed, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { renderBundling } from './bundling.ts';

export interface RerenderProps {
  input: Bucket;
  output: Bucket;
  /** The access-log bucket: the reports bucket is logged to it. */
  logs: Bucket;
  /** The render function's environment: the same fingerprint and template version make the same versions. */
  environment: Record<string, string>;
  /** Publications re-rendered at once by each stage's Distributed Map (default 10). */
  maxConcurrency?: number;
  /** Memory of the re-render function: the render function's, as it renders the same way. */
  memorySize: number;
  stateMachineName: string;
}

const ROOT = join(import.meta.dirname, '..');

export class Rerender extends Construct {
  readonly stateMachine: StateMachine;
  readonly reports: Bucket;
  readonly itemFunction: NodejsFunction;
  readonly failuresAlarm: Alarm;

  constructor(scope: Construct, id: string, props: RerenderProps) {
    super(scope, id);
    const maxConcurrency = props.maxConcurrency ?? 10;
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) throw new Error(`the re-render's maxConcurrency must be a whole number of at least 1, not ${maxConcurrency}`);

    // Plans, Distributed Map results and reports: private, not in the published bucket (CloudFront
    // serves all of that), and expired after a year.
    this.reports = new Bucket(this, 'Reports', {
      ...SECURE_BUCKET,
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: 'rerender/',
      lifecycleRules: [{ id: 'ExpireRerenderRecords', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    });

    const stack = Stack.of(this);
    const bucketArn = (b: Bucket) => `<${stack.getLogicalId(b.node.defaultChild as CfnBucket)}.Arn>`;
    const lean: BundlingOptions = { ...renderBundling(), commandHooks: undefined };
    const fn = (name: string, entry: string, o: { memorySize: number; timeout: Duration; environment: Record<string, string>; bundling: BundlingOptions; statements: PolicyStatement[]; why: [Bucket, string, string][] }) => {
      const logGroup = new LogGroup(this, `${name}Logs`, { retention: RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
      const role = new Role(this, `${name}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
      logGroup.grantWrite(role);
      for (const s of o.statements) role.addToPolicy(s);
      for (const [bucket, prefix, why] of o.why) Validations.of(role).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::${bucketArn(bucket)}/${prefix}/*]`, reason: why });
      return new NodejsFunction(this, name, {
        entry: join(ROOT, entry),
        handler: 'handler',
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: o.memorySize,
        timeout: o.timeout,
        role,
        logGroup,
        environment: { ...o.environment, NODE_OPTIONS: '--enable-source-maps' },
        bundling: o.bundling,
      });
    };
    const allow = (actions: string[], resources: string[], prefix?: string) =>
      new PolicyStatement({ effect: Effect.ALLOW, actions, resources, ...(prefix ? { conditions: { StringLike: { 's3:prefix': [prefix] } } } : {}) });

    const plan = fn('Plan', 'lambdas/rerender/plan.ts', {
      memorySize: 512,
      timeout: Duration.minutes(5),
      environment: { OUTPUT_BUCKET: props.output.bucketName, REPORT_BUCKET: this.reports.bucketName },
      bundling: lean,
      statements: [
        allow(['s3:ListBucket'], [props.output.bucketArn], 'published/*'),
        allow(['s3:GetObject'], [props.output.arnForObjects('published/*')]),
        allow(['s3:PutObject'], [this.reports.arnForObjects('plans/*')]),
      ],
      why: [
        [props.output, 'published', 'The re-render plan reads every publication\'s latest.json and the manifest it names, under published/ (GetObject only).'],
        [this.reports, 'plans', 'The re-render plan writes each execution\'s item lists under plans/<execution>/ (PutObject only).'],
      ],
    });
    // The same S3 access as the render function: it runs the same pipeline on the same keys.
    this.itemFunction = fn('Item', 'lambdas/rerender/item.ts', {
      memorySize: props.memorySize,
      timeout: Duration.minutes(2),
      environment: { ...props.environment, INPUT_BUCKET: props.input.bucketName, OUTPUT_BUCKET: props.output.bucketName },
      bundling: renderBundling(),
      statements: [
        allow(['s3:GetObject', 's3:GetObjectVersion'], [props.input.arnForObjects('incoming/*')]),
        allow(['s3:ListBucket'], [props.input.bucketArn], 'incoming/*'),
        allow(['s3:PutObject', 's3:DeleteObject'], [props.input.arnForObjects('reports/*')]),
        allow(['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], [props.output.arnForObjects('published/*')]),
        allow(['s3:ListBucket'], [props.output.bucketArn], 'published/*'),
      ],
      why: [
        [props.input, 'incoming', 'The re-render function reads the upload a publication was made from (the exact version latest.json names) and the files beside it, under incoming/.'],
        [props.input, 'reports', 'The re-render function writes the validation report of an upload that no longer renders, or removes one that no longer applies, under reports/.'],
        [props.output, 'published', 'The re-render function writes a publication\'s new version, its latest.json and stable addresses, and reads manifests, under published/.'],
      ],
    });
    const report = fn('Report', 'lambdas/rerender/report.ts', {
      memorySize: 1024,
      timeout: Duration.minutes(5),
      environment: { REPORT_BUCKET: this.reports.bucketName, DOCGEN_FINGERPRINT: props.environment.DOCGEN_FINGERPRINT, TEMPLATE_VERSION: props.environment.TEMPLATE_VERSION },
      bundling: lean,
      statements: [allow(['s3:GetObject'], [this.reports.arnForObjects('results/*')]), allow(['s3:PutObject'], [this.reports.arnForObjects('reports/*')])],
      why: [
        [this.reports, 'results', 'The report reads what each Distributed Map wrote (its manifest and result files) under results/ (GetObject only).'],
        [this.reports, 'reports', 'The report writes each execution\'s report under reports/ (PutObject only).'],
      ],
    });

    const planStep = new LambdaInvoke(this, 'PlanPublications', {
      lambdaFunction: plan,
      payload: TaskInput.fromObject({ execution: JsonPath.executionName }),
      payloadResponseOnly: true,
      resultPath: '$.plan',
    });
    const stage = (name: 'papers' | 'packs', label: string) => {
      const map = new DistributedMap(this, `Rerender${label}`, {
        label,
        comment: name === 'papers' ? 'Every publication made from its own file and pictures' : 'Agenda packs and other publications made from other content files, after those',
        itemReader: new S3JsonItemReader({ bucket: this.reports, key: JsonPath.stringAt(`$.plan.${name}Key`) }),
        maxConcurrency,
        mapExecutionType: StateMachineType.STANDARD,
        // One publication failing must not stop the others: every failure is in the report.
        toleratedFailurePercentage: 100,
        resultWriter: new ResultWriter({ bucket: this.reports, prefix: `results/${name}` }),
        resultPath: `$.${name}`,
      });
      // Lambda's own throttling and service errors are retried by LambdaInvoke; a timeout or a
      // storage failure twice more, then the child fails and the report names the error.
      map.itemProcessor(
        new LambdaInvoke(this, `Rerender${label}Item`, { lambdaFunction: this.itemFunction, payloadResponseOnly: true }).addRetry({ errors: ['States.TaskFailed'], maxAttempts: 2, interval: Duration.seconds(10), backoffRate: 2 }),
      );
      return map;
    };
    const reportStep = new LambdaInvoke(this, 'WriteReport', {
      lambdaFunction: report,
      payload: TaskInput.fromObject({ execution: JsonPath.executionName, papers: JsonPath.objectAt('$.papers'), packs: JsonPath.objectAt('$.packs'), skipped: JsonPath.objectAt('$.plan.skipped') }),
      payloadResponseOnly: true,
      resultPath: '$.report',
    });
    const failed = new Fail(this, 'SomePublicationsFailed', { error: 'PublicationsFailed', causePath: JsonPath.jsonToString(JsonPath.objectAt('$.report')) });
    const succeeded = new Succeed(this, 'EveryPublicationDone', { outputPath: '$.report' });
    const definition = planStep
      .next(stage('papers', 'Papers'))
      .next(stage('packs', 'Packs'))
      .next(reportStep)
      .next(new Choice(this, 'AnyFailed').when(Condition.numberGreaterThan('$.report.counts.failed', 0), failed).otherwise(succeeded));

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      definitionBody: DefinitionBody.fromChainable(definition),
      stateMachineType: StateMachineType.STANDARD,
      timeout: Duration.hours(6),
      tracingEnabled: true,
      logs: { destination: new LogGroup(this, 'StateMachineLogs', { retention: RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.RETAIN }), level: LogLevel.ALL, includeExecutionData: true },
    });

    // What CDK grants the state machine, each wildcard for a reason of Step Functions' own.
    const fnArn = (f: NodejsFunction) => `<${stack.getLogicalId(f.node.defaultChild as CfnElement)}.Arn>`;
    const smRef = stack.resolve((this.stateMachine.node.defaultChild as CfnResource).ref) as { Ref: string };
    // As cdk-nag prints it: a known region or account in the clear, otherwise its pseudo-parameter.
    const [region, account] = [Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region, Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account];
    const execution = `arn:<AWS::Partition>:states:${region}:${account}:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${smRef.Ref}"}]}]}`;
    const acknowledge = (resource: string, reason: string) => Validations.of(this.stateMachine).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`, reason });
    for (const f of [plan, this.itemFunction, report]) acknowledge(`${fnArn(f)}:*`, 'Step Functions may invoke any version or alias of the re-render\'s own functions (CDK\'s LambdaInvoke grant); each function is named.');
    acknowledge(`arn:<AWS::Partition>:s3:::<${stack.getLogicalId(this.reports.node.defaultChild as CfnBucket)}>/*`, 'The Distributed Maps read their items from plans/ and write their results under results/ of the re-render bucket, which holds nothing else the state machine could misuse.');
    acknowledge('*', 'X-Ray tracing (xray:PutTraceSegments and the like) and CloudWatch Logs delivery (logs:CreateLogDelivery and the like) take no resource narrower than "*".');
    acknowledge(`${execution}:*`, 'A Distributed Map runs its children as executions of this state machine; their names are made by Step Functions.');
    for (const label of ['Papers', 'Packs']) acknowledge(`${execution}/${label}:*`, `The ${label} Distributed Map's map run and its child executions; their names are made by Step Functions.`);

    this.failuresAlarm = new Alarm(this, 'FailuresAlarm', {
      alarmDescription: 'A re-render after a deploy failed: a publication no longer renders, or the re-render itself failed; see its report under reports/ of the re-render bucket.',
      metric: this.stateMachine.metricFailed({ period: Duration.minutes(1), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
