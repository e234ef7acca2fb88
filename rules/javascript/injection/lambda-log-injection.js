exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  // ruleid: javascript.lambda-log-injection
  console.log('login for ' + body.user);
  // ruleid: javascript.lambda-log-injection
  console.error(`payment ${body.ref} failed`);
  // ok: javascript.lambda-log-injection
  console.log(JSON.stringify({ msg: 'login', user: body.user }));
  // ok: javascript.lambda-log-injection
  console.log('login for ' + Number(body.id));
  // ok: javascript.lambda-log-injection
  console.log('started ' + process.env.AWS_REGION);
};
exports.other = async () => {
  // ok: javascript.lambda-log-injection
  console.log('cold start');
};
