const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');
exports.handler = async () => {
  // ruleid: javascript.presigned-url-long-expiry
  const a = s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 604800 });
  // ruleid: javascript.presigned-url-long-expiry
  const b = await getSignedUrl(client, cmd, { expiresIn: 86400 * 7 });
  // ok: javascript.presigned-url-long-expiry
  const c = s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k', Expires: 900 });
  // ok: javascript.presigned-url-long-expiry
  const d = await getSignedUrl(client, cmd, { expiresIn: 3600 });
  return [a, b, c, d];
};
