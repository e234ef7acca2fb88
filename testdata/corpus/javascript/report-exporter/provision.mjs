// One-off provisioning Lambda (custom resource) using the AWS SDK for JavaScript v3.
import { SNSClient, CreateTopicCommand } from '@aws-sdk/client-sns';
import { SQSClient, CreateQueueCommand } from '@aws-sdk/client-sqs';
import { DynamoDBClient, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { KinesisClient, CreateStreamCommand, StartStreamEncryptionCommand } from '@aws-sdk/client-kinesis';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';

const sns = new SNSClient({});
const sqs = new SQSClient({});
const ddb = new DynamoDBClient({});
const kinesis = new KinesisClient({});
const iam = new IAMClient({});

export const handler = async (event) => {
  await sns.send(new CreateTopicCommand({ Name: 'exports' }));
  await sns.send(new CreateTopicCommand({ Name: 'exports-enc', Attributes: { KmsMasterKeyId: process.env.KMS_KEY_ID } }));
  await sqs.send(new CreateQueueCommand({ QueueName: 'exports', Attributes: { SqsManagedSseEnabled: 'false' } }));
  await sqs.send(new CreateQueueCommand({ QueueName: 'exports-enc', Attributes: { KmsMasterKeyId: process.env.KMS_KEY_ID } }));
  await ddb.send(new CreateTableCommand({
    TableName: 'exports',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    SSESpecification: { Enabled: true, SSEType: 'KMS' },
  }));
  await kinesis.send(new CreateStreamCommand({ StreamName: 'exports', ShardCount: 1 }));
  await kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'exports', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
  await iam.send(new PutRolePolicyCommand({
    RoleName: event.ResourceProperties.RoleName,
    PolicyName: 'exports',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    }),
  }));
  await iam.send(new PutRolePolicyCommand({
    RoleName: event.ResourceProperties.RoleName,
    PolicyName: 'exports-read',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::exports/*' }],
    }),
  }));
  return { PhysicalResourceId: 'exports' };
};
