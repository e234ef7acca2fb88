exports.handler = async (event) => {
  try {
    return { statusCode: 200 };
  } catch (err) {
    if (event.x) {
      // ruleid: javascript.error-details-in-response
      return { statusCode: 500, body: JSON.stringify({ message: err.message, stack: err.stack }) };
    }
    // ruleid: javascript.error-details-in-response
    return { statusCode: 500, body: err.stack };
  }
};
exports.other = async () => {
  // ok: javascript.error-details-in-response
  return { statusCode: 500, body: JSON.stringify({ message: 'internal error' }) };
};
exports.third = async (event, context) => {
  // ok: javascript.error-details-in-response
  return { statusCode: 500, body: JSON.stringify({ requestId: context.awsRequestId }) };
};
