const AWS = require('aws-sdk');
exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  // ruleid: javascript.log-secret-value
  console.log('login', { user: body.username, password: body.password });
  // ruleid: javascript.log-secret-value
  console.log('creds', AWS.config.credentials);
  // ruleid: javascript.log-secret-value
  console.log('key', process.env.AWS_SECRET_ACCESS_KEY);
  // ok: javascript.log-secret-value
  console.log('login', body.username);
  // ok: javascript.log-secret-value
  console.log('password reset requested');
};
