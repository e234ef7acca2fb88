const AWS = require('aws-sdk');
const { S3Client } = require('@aws-sdk/client-s3');
// ruleid: javascript.literal-aws-credentials
const a = new S3Client({ credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
// ruleid: javascript.literal-aws-credentials
const b = new AWS.S3({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
// ruleid: javascript.literal-aws-credentials
AWS.config.update({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
// ok: javascript.literal-aws-credentials
const c = new S3Client({ region: process.env.AWS_REGION });
// ok: javascript.literal-aws-credentials
const d = new S3Client({ credentials: { accessKeyId: process.env.KEY_ID, secretAccessKey: process.env.SECRET } });
