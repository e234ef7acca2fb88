const { PutObjectCommand } = require('@aws-sdk/client-s3');
exports.handler = async (event) => {
  // ruleid: javascript.s3-public-acl
  await client.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', ACL: 'private' }));
  // ruleid: javascript.s3-public-acl
  await s3.upload({ Bucket: 'b', Key: 'k', ACL: 'private' }).promise();
  // ok: javascript.s3-public-acl
  await client.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', ACL: 'private' }));
  // ok: javascript.s3-public-acl
  await s3.upload({ Bucket: 'b', Key: 'k', ACL: 'bucket-owner-full-control' }).promise();
};
