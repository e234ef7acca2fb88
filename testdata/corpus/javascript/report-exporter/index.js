'use strict';
// Nightly report exporter (SQS-triggered, callback style, AWS SDK for JavaScript v2).
const AWS = require('aws-sdk');
const ejs = require('ejs');
const funcster = require('funcster');
const fs = require('fs');
const path = require('path');

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const s3 = new AWS.S3();
const sns = new AWS.SNS();
const legacy = new AWS.S3({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
const regional = new AWS.S3({ region: process.env.AWS_REGION });
const TEMPLATE_DIR = '/opt/templates';

function renderReport(job) {
  const html = ejs.render(job.template, { rows: job.rows });
  const safe = ejs.render(fs.readFileSync(path.join(TEMPLATE_DIR, 'report.ejs'), 'utf8'), { rows: job.rows });
  return html + safe;
}

exports.handler = function (event, context, callback) {
  console.log('received event', JSON.stringify(event));
  console.log('received', event.Records.length, 'records');
  console.log('using credentials', AWS.config.credentials);
  console.log('secret key', process.env.AWS_SECRET_ACCESS_KEY);
  const tasks = event.Records.map(async (record) => {
    const job = JSON.parse(record.body);
    const restored = funcster.deepDeserialize(job.formatter);
    const report = renderReport(job);
    await s3.putObject({ Bucket: process.env.BUCKET, Key: `reports/${job.id}.html`, Body: report }).promise();
    await s3.putObject({ Bucket: process.env.BUCKET, Key: `reports/${job.id}.json`, Body: JSON.stringify(job), ServerSideEncryption: 'aws:kms' }).promise();
    await s3.upload({ Bucket: process.env.PUBLIC_BUCKET, Key: `share/${job.id}.html`, Body: report, ACL: 'public-read-write', ServerSideEncryption: 'AES256' }).promise();
    const url = s3.getSignedUrl('getObject', { Bucket: process.env.BUCKET, Key: `reports/${job.id}.html`, Expires: 604800 });
    const shortUrl = s3.getSignedUrl('getObject', { Bucket: process.env.BUCKET, Key: `reports/${job.id}.html`, Expires: 900 });
    await sns.publish({ TopicArn: process.env.TOPIC_ARN, Message: url + shortUrl }).promise();
    await legacy.headBucket({ Bucket: process.env.BUCKET }).promise();
    await regional.headBucket({ Bucket: process.env.BUCKET }).promise();
    return restored;
  });
  Promise.all(tasks).then(() => callback(null, { ok: true })).catch((err) => callback(err));
};

exports.provision = async function () {
  const sqs = new AWS.SQS();
  const ddb = new AWS.DynamoDB();
  const kinesis = new AWS.Kinesis();
  await sns.createTopic({ Name: 'report-ready' }).promise();
  await sns.createTopic({ Name: 'report-ready-enc', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }).promise();
  await sqs.createQueue({ QueueName: 'report-jobs' }).promise();
  await sqs.createQueue({ QueueName: 'report-jobs-enc', Attributes: { KmsMasterKeyId: 'alias/aws/sqs' } }).promise();
  await ddb.createTable({ TableName: 'reports', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }).promise();
  await kinesis.createStream({ StreamName: 'report-events', ShardCount: 1 }).promise();
};
