const AWS = require('aws-sdk');
const { CreateTopicCommand } = require('@aws-sdk/client-sns');
const { CreateQueueCommand } = require('@aws-sdk/client-sqs');
exports.handler = async () => {
  // ruleid: javascript.sns-sqs-without-kms
  await sns.send(new CreateTopicCommand({ Name: 't' }));
  // ruleid: javascript.sns-sqs-without-kms
  await sqs.createQueue({ QueueName: 'q' }).promise();
  // ruleid: javascript.sns-sqs-without-kms
  await sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { SqsManagedSseEnabled: 'false' } }));
  // ok: javascript.sns-sqs-without-kms
  await sns.send(new CreateTopicCommand({ Name: 't', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }));
  // ok: javascript.sns-sqs-without-kms
  await sqs.createQueue({ QueueName: 'q', Attributes: { KmsMasterKeyId: 'alias/aws/sqs' } }).promise();
};
