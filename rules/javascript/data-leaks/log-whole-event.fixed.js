exports.handler = async (event, context) => {
  // ruleid: javascript.log-whole-event
  console.log({ requestId: context.awsRequestId });
  // ruleid: javascript.log-whole-event
  console.info({ requestId: context.awsRequestId });
  // ok: javascript.log-whole-event
  console.log('records', event.Records.length);
  // ok: javascript.log-whole-event
  console.log('request', context.awsRequestId);
};
