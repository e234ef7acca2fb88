const { CreateTableCommand } = require('@aws-sdk/client-dynamodb');
const { CreateStreamCommand } = require('@aws-sdk/client-kinesis');
exports.handler = async () => {
  // ruleid: javascript.dynamodb-kinesis-without-kms
  await ddb.send(new CreateTableCommand({ TableName: 't', BillingMode: 'PAY_PER_REQUEST' }));
  // ruleid: javascript.dynamodb-kinesis-without-kms
  await kinesis.createStream({ StreamName: 's', ShardCount: 1 }).promise();
  // ok: javascript.dynamodb-kinesis-without-kms
  await ddb.send(new CreateTableCommand({ TableName: 't', SSESpecification: { Enabled: true, SSEType: 'KMS' } }));
  // ok: javascript.dynamodb-kinesis-without-kms
  await ddb.createTable({ TableName: 't', SSESpecification: { Enabled: true } }).promise();
};
