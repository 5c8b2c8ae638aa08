// The re-render state machine, the stages and the GitHub deploy stack, checked with aws-cdk-lib
// assertions and cdk-nag's AwsSolutions pack. Step Functions itself cannot run here: what it does
// is what these templates tell it to do.
import { describe, expect, it } from 'vitest';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { DocgenStack } from '../lib/docgen-stack.ts';
import { GitHubDeployStack } from '../lib/github-deploy-stack.ts';
import { rerenderStateMachineName, STAGES, stagesOf } from '../lib/stages.ts';

// Skip esbuild: test/deployed-bundle.test.ts and `npm run synth` bundle for real.
const newApp = () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
};

const app = newApp();
const prod = new DocgenStack(app, 'CouncilDocgen', { templateVersion: 'abc123', rerenderConcurrency: 25 });
const github = new GitHubDeployStack(app, 'CouncilDocgen-GitHubDeploy', { repository: 'kent-council/docgen', qualifier: 'docgen', stateMachineNames: Object.values(STAGES).map((s) => rerenderStateMachineName(s.stackId)) });
app.synth(); // throws on any unacknowledged cdk-nag finding, in either stack
const template = Template.fromStack(prod);
const gh = Template.fromStack(github);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
const one = (t: Template, type: string, prefix: string) => {
  const found = Object.entries(t.findResources(type)).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}*`).toHaveLength(1);
  return found[0];
};
const statementsOf = (t: Template, roleId: string): Statement[] =>
  Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
const definition = () => {
  const [, sm] = one(template, 'AWS::StepFunctions::StateMachine', 'RerenderStateMachine');
  // The definition is a Fn::Join of strings and references: the references as placeholders, parsed.
  const parts = sm.Properties.DefinitionString['Fn::Join'][1] as unknown[];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : `REF:${JSON.stringify(p).replace(/"/g, "'")}`)).join('')) as { StartAt: string; States: Record<string, Record<string, any>> };
};

describe('the re-render state machine', () => {
  const d = definition();

  it('plans, re-renders the papers, then the packs, reports, and fails if any publication failed', () => {
    expect(d.StartAt).toBe('PlanPublications');
    expect(d.States.PlanPublications.Next).toBe('RerenderPapers');
    expect(d.States.RerenderPapers.Next).toBe('RerenderPacks'); // agenda packs after their papers
    expect(d.States.RerenderPacks.Next).toBe('WriteReport');
    expect(d.States.WriteReport.Next).toBe('AnyFailed');
    expect(d.States.AnyFailed.Choices).toEqual([{ Variable: '$.report.counts.failed', NumericGreaterThan: 0, Next: 'SomePublicationsFailed' }]);
    expect(d.States.SomePublicationsFailed).toMatchObject({ Type: 'Fail', Error: 'PublicationsFailed', CausePath: 'States.JsonToString($.report)' });
    expect(d.States.EveryPublicationDone).toMatchObject({ Type: 'Succeed', OutputPath: '$.report' });
  });

  it('runs each stage as a Distributed Map reading its items from the plan in S3, with bounded concurrency', () => {
    for (const [state, key] of [['RerenderPapers', '$.plan.papersKey'], ['RerenderPacks', '$.plan.packsKey']]) {
      const map = d.States[state];
      expect(map.Type).toBe('Map');
      expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
      expect(map.MaxConcurrency).toBe(25);
      expect(map.ItemReader.Resource).toMatch(/:states:::s3:getObject$/);
      expect(map.ItemReader.ReaderConfig).toEqual({ InputType: 'JSON' });
      expect(map.ItemReader.Parameters['Key.$']).toBe(key);
      expect(map.ItemReader.Parameters.Bucket).toContain('RerenderReports');
      // One publication failing does not stop the rest; every child's result is written to S3.
      expect(map.ToleratedFailurePercentage).toBe(100);
      expect(map.ResultWriter.Resource).toMatch(/:states:::s3:putObject$/);
      expect(map.ResultWriter.Parameters.Prefix).toBe(`results/${state === 'RerenderPapers' ? 'papers' : 'packs'}`);
      const item = Object.values(map.ItemProcessor.States)[0] as Record<string, any>;
      expect(item.Resource).toContain('RerenderItem');
    }
  });

  it('defaults to ten at once, and refuses a concurrency that is not a whole number', () => {
    const a = newApp();
    const s = new DocgenStack(a, 'Default');
    expect(Template.fromStack(s).toJSON().Resources[s.getLogicalId(s.rerender.stateMachine.node.defaultChild as never)].Properties.DefinitionString['Fn::Join'][1].join('')).toContain('"MaxConcurrency":10');
    for (const bad of [0, 2.5]) expect(() => new DocgenStack(newApp(), 'Bad', { rerenderConcurrency: bad })).toThrow(/maxConcurrency/);
  });

  it('re-renders with the render function’s fingerprint, template version and memory, so it makes the versions uploads make', () => {
    const [, render] = one(template, 'AWS::Lambda::Function', 'Render');
    const [, item] = one(template, 'AWS::Lambda::Function', 'RerenderItem');
    for (const v of ['TEMPLATE_VERSION', 'DOCGEN_FINGERPRINT', 'DOCGEN_ASSETS', 'INPUT_BUCKET', 'OUTPUT_BUCKET']) expect(item.Properties.Environment.Variables[v], v).toEqual(render.Properties.Environment.Variables[v]);
    expect(item.Properties.MemorySize).toBe(render.Properties.MemorySize);
    expect(item.Properties.Runtime).toBe('nodejs24.x');
  });

  it('logs every execution and traces it', () => {
    const [, sm] = one(template, 'AWS::StepFunctions::StateMachine', 'RerenderStateMachine');
    expect(sm.Properties.StateMachineName).toBe('CouncilDocgen-rerender');
    expect(sm.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
    expect(sm.Properties.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('gives each re-render function only the S3 access it needs', () => {
    const s3 = (prefix: string) =>
      statementsOf(template, one(template, 'AWS::IAM::Role', prefix)[0])
        .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')))
        .map((s) => `${[s.Action].flat().sort().join(',')} ${/\/([a-z]+)\/\*/.exec(JSON.stringify(s.Resource))?.[1] ?? 'bucket'}${s.Condition ? ` ${JSON.stringify(s.Condition.StringLike['s3:prefix'])}` : ''}`);
    expect(s3('RerenderPlanRole')).toEqual(['s3:ListBucket bucket ["published/*"]', 's3:GetObject published', 's3:PutObject plans']);
    expect(s3('RerenderItemRole')).toEqual(['s3:GetObject,s3:GetObjectVersion incoming', 's3:ListBucket bucket ["incoming/*"]', 's3:DeleteObject,s3:PutObject reports', 's3:DeleteObject,s3:GetObject,s3:PutObject published', 's3:ListBucket bucket ["published/*"]']);
    expect(s3('RerenderReportRole')).toEqual(['s3:GetObject results', 's3:PutObject reports']);
    for (const role of ['RerenderPlanRole', 'RerenderItemRole', 'RerenderReportRole']) {
      const statements = statementsOf(template, one(template, 'AWS::IAM::Role', role)[0]);
      expect(JSON.stringify(statements)).not.toMatch(/"s3:\*"|"Resource":"\*"/);
      expect(one(template, 'AWS::IAM::Role', role)[1].Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('lets the state machine invoke only the re-render functions and use only the re-render bucket', () => {
    const [roleId] = one(template, 'AWS::IAM::Role', 'RerenderStateMachineRole');
    const statements = statementsOf(template, roleId);
    const invoke = statements.filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
    expect(JSON.stringify(invoke)).toMatch(/RerenderPlan/);
    expect(JSON.stringify(invoke)).not.toMatch(/"Render[0-9A-F]{8}"/); // never the upload render function
    const buckets = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(buckets.length).toBeGreaterThan(0);
    for (const s of buckets) expect(JSON.stringify(s.Resource)).toContain('RerenderReports');
  });

  it('alarms on a failed re-render to the render alarms’ topic', () => {
    const [smId] = one(template, 'AWS::StepFunctions::StateMachine', 'RerenderStateMachine');
    const [topicId] = one(template, 'AWS::SNS::Topic', 'RenderAlarms');
    const [, alarm] = one(template, 'AWS::CloudWatch::Alarm', 'RerenderFailuresAlarm');
    expect(alarm.Properties).toMatchObject({ Namespace: 'AWS/States', MetricName: 'ExecutionsFailed', Threshold: 1, AlarmActions: [{ Ref: topicId }] });
    expect(alarm.Properties.Dimensions).toEqual([{ Name: 'StateMachineArn', Value: { Ref: smId } }]);
  });

  it('passed cdk-nag with a reason for every acknowledgement', () => {
    // app.synth() above throws on a finding without one; each reason says why, in a sentence.
    const reasons = JSON.stringify(template.toJSON()).match(/"reason":"[^"]*"/g) ?? [];
    for (const r of reasons) expect(r.length, r).toBeGreaterThan(40);
  });
});

describe('stages', () => {
  it('makes dev and prod from one app, or the one -c stage names', () => {
    expect(stagesOf(undefined).map((s) => s.stackId)).toEqual(['CouncilDocgen-dev', 'CouncilDocgen']);
    expect(stagesOf('all').map((s) => s.stage)).toEqual(['dev', 'prod']);
    expect(stagesOf('prod')).toEqual([{ stage: 'prod', stackId: 'CouncilDocgen' }]);
    expect(stagesOf('dev')).toEqual([{ stage: 'dev', stackId: 'CouncilDocgen-dev' }]);
    expect(() => stagesOf('production')).toThrow(/dev, prod or all/);
  });

  it('keeps prod’s logical ids: its retained buckets are the ones it had before the stages', () => {
    // The ids CouncilDocgen synthesised before this change (its buckets are retained, so a new id would orphan them).
    const buckets = Object.keys(template.findResources('AWS::S3::Bucket')).sort();
    expect(buckets).toEqual(['AccessLogs8B620ECA', 'Published616FB537', 'RerenderReportsB991C80F', 'Uploads4F6EB0FD']);
    // Every resource the single stack had keeps its id (synthesised from the parent commit of this change).
    const before = [
      'AccessLogs8B620ECA',
      'AccessLogsPolicyABDC4D2D',
      'Uploads4F6EB0FD',
      'UploadsPolicy148F8199',
      'UploadsNotificationsHandlerPolicy4B83D677',
      'UploadsNotifications8DBDDF22',
      'UploadsAllowBucketNotificationsToCouncilDocgenRenderECB1AD0211E97A4E',
      'Published616FB537',
      'PublishedPolicyE4997296',
      'AlarmTopicKey57B0D3A7',
      'RenderAlarmsBC573635',
      'RenderAlarmsPolicy801DE430',
      'AlarmEmailSubscription',
      'RenderFailures2CC79041',
      'RenderFailuresPolicy74309E8A',
      'RenderFailuresAlarm3B95220B',
      'RenderLogsCAA7F269',
      'RenderRole6BC5A8F4',
      'RenderRoleDefaultPolicyF0AECF2D',
      'RenderEA451E88',
      'RenderEventInvokeConfig29B131C8',
      'RenderErrorsAlarm85B3C548',
      'UploaderRoleDB02C75E',
      'UploaderRoleDefaultPolicyE0531FA0',
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC',
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691',
      'DirectoryIndex7A36C02C',
      'DownloadsOrigin1S3OriginAccessControl4DBABD67',
      'Downloads22991465',
    ];
    const now = Object.keys(template.toJSON().Resources);
    expect(before.filter((id) => !now.includes(id))).toEqual([]);
  });

  it('names, in stack outputs, the buckets, the download domain, the state machine and the alarm topic', () => {
    for (const name of ['UploadsBucketName', 'PublishedBucketName', 'DownloadDomain', 'RerenderStateMachineArn', 'RerenderReportsBucketName', 'AlarmTopicArn', 'UploaderRoleArn']) template.hasOutput(name, {});
    template.hasOutput('UploadsBucketName', { Value: { Ref: one(template, 'AWS::S3::Bucket', 'Uploads')[0] } });
    template.hasOutput('PublishedBucketName', { Value: { Ref: one(template, 'AWS::S3::Bucket', 'Published')[0] } });
    template.hasOutput('DownloadDomain', { Value: { 'Fn::GetAtt': [one(template, 'AWS::CloudFront::Distribution', 'Downloads')[0], 'DomainName'] } });
    template.hasOutput('RerenderStateMachineArn', { Value: { Ref: one(template, 'AWS::StepFunctions::StateMachine', 'RerenderStateMachine')[0] } });
  });

  it('the README’s upload commands read those outputs', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const name of ['UploadsBucketName', 'DownloadDomain', 'RerenderStateMachineArn']) expect(readme).toContain(`OutputKey=='${name}'`);
    expect(readme).toMatch(/aws cloudformation describe-stacks --stack-name CouncilDocgen/);
  });
});

describe('the GitHub deploy stack', () => {
  const [roleId, role] = one(gh, 'AWS::IAM::Role', 'DeployRole');

  it('has GitHub’s OIDC provider for sts.amazonaws.com', () => {
    gh.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
  });

  it('may be assumed only by the workflow of this repository on its branch', () => {
    const trust: Statement[] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0].Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust[0].Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:kent-council/docgen:ref:refs/heads/main' },
    });
    expect(role.Properties.MaxSessionDuration).toBe(3600);
  });

  it('may only assume this app’s CDK bootstrap roles and start and watch its re-renders', () => {
    const statements = statementsOf(gh, roleId);
    expect(statements.map((s) => [s.Action].flat().sort().join(','))).toEqual(['sts:AssumeRole,sts:TagSession', 'states:StartExecution', 'states:DescribeExecution']);
    const assume = JSON.stringify(statements[0].Resource);
    for (const kind of ['deploy', 'file-publishing', 'lookup']) expect(assume).toContain(`:role/cdk-docgen-${kind}-role-`);
    expect(assume).not.toMatch(/cdk-hnb659fds|\*/); // another app's qualifier, or any role, is not reachable
    expect(JSON.stringify(statements[1].Resource)).toMatch(/stateMachine:CouncilDocgen-dev-rerender.*stateMachine:CouncilDocgen-rerender/);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('refuses a repository that is not owner/name', () => {
    expect(() => new GitHubDeployStack(newApp(), 'Bad', { repository: 'docgen', qualifier: 'q', stateMachineNames: [] })).toThrow(/owner\/name/);
  });
});
