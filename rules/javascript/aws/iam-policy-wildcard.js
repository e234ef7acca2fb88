exports.handler = async () => {
  const doc = {
    Version: '2012-10-17',
    // ruleid: javascript.iam-policy-wildcard
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  };
  const doc2 = {
    // ruleid: javascript.iam-policy-wildcard
    Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
  };
  const doc3 = {
    // ok: javascript.iam-policy-wildcard
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }],
  };
  const doc4 = {
    // ok: javascript.iam-policy-wildcard
    Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }],
  };
  return [doc, doc2, doc3, doc4];
};
