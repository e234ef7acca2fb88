// ruleid: javascript.reserved-lambda-env-override
process.env.AWS_REGION = 'us-east-1';
// ruleid: javascript.reserved-lambda-env-override
process.env.AWS_ACCESS_KEY_ID = process.env.OTHER_KEY_ID;
// ruleid: javascript.reserved-lambda-env-override
process.env['_HANDLER'] = 'index.other';
// ok: javascript.reserved-lambda-env-override
process.env.APP_STAGE = 'prod';
// ok: javascript.reserved-lambda-env-override
const region = process.env.AWS_REGION;
