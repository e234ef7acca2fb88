exports.handler = async (event) => {
  // ruleid: javascript.insecure-random-token
  const token = crypto.randomUUID();
  // ruleid: javascript.insecure-random-token
  let sessionId = crypto.randomUUID();
  // ok: javascript.insecure-random-token
  const colour = Math.random().toString(16).slice(2, 8);
  // ok: javascript.insecure-random-token
  const sample = Math.random() < 0.1;
  return { token, sessionId, colour, sample };
};
