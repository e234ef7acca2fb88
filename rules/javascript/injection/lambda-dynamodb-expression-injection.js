const { DynamoDBClient, ExecuteStatementCommand } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, ScanCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
const AWS = require('aws-sdk');

const raw = new DynamoDBClient({});
const ddb = DynamoDBDocumentClient.from(raw);
const docClient = new AWS.DynamoDB.DocumentClient();

exports.handler = async (event) => {
  const q = event.queryStringParameters;
  const body = JSON.parse(event.body);
  await ddb.send(new ScanCommand({
    TableName: 't',
    // ruleid: javascript.lambda-dynamodb-expression-injection
    FilterExpression: 'owner = ' + q.owner,
  }));
  await ddb.send(new UpdateCommand({
    TableName: 't', Key: { id: q.id },
    // ruleid: javascript.lambda-dynamodb-expression-injection
    UpdateExpression: `SET ${body.field} = :v`,
    // ok: javascript.lambda-dynamodb-expression-injection
    ConditionExpression: 'attribute_exists(id)',
    ExpressionAttributeValues: { ':v': body.value },
  }));
  // ruleid: javascript.lambda-dynamodb-expression-injection
  await raw.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM t WHERE id = '${q.id}'` }));
  const stmt = "DELETE FROM t WHERE id = '" + body.id + "'";
  // ruleid: javascript.lambda-dynamodb-expression-injection
  await docClient.executeStatement({ Statement: stmt }).promise();
  // ok: javascript.lambda-dynamodb-expression-injection
  await raw.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM t WHERE id = ?', Parameters: [{ S: q.id }] }));
  // ok: javascript.lambda-dynamodb-expression-injection
  await docClient.scan({ TableName: 't', FilterExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': q.owner } }).promise();
  return { statusCode: 200 };
};
