const AWS = require('aws-sdk');
const { PutObjectCommand } = require('@aws-sdk/client-s3');
const s3 = new AWS.S3();
exports.handler = async (event) => {
  // ruleid: javascript.s3-put-without-encryption
  await s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x' }).promise();
  // ruleid: javascript.s3-put-without-encryption
  await client.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }));
  // ok: javascript.s3-put-without-encryption
  await s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }).promise();
  // ok: javascript.s3-put-without-encryption
  await client.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: process.env.KEY }));
};
