exports.handler = async (event) => {
  const given = event.headers['x-api-key'];
  // ruleid: javascript.timing-unsafe-secret-compare
  if (given === process.env.API_KEY) return 1;
  // ruleid: javascript.timing-unsafe-secret-compare
  if (event.headers['x-signature'] !== expectedSignature) return 2;
  // ok: javascript.timing-unsafe-secret-compare
  if (given === undefined) return 3;
  // ok: javascript.timing-unsafe-secret-compare
  if (event.headers['x-mode'] === process.env.MODE) return 4;
  return 0;
};
