const { ConfirmSubscriptionCommand } = require('@aws-sdk/client-sns');
exports.handler = async (event) => {
  const msg = JSON.parse(event.body);
  // ruleid: javascript.sns-confirm-subscription-without-auth
  await sns.send(new ConfirmSubscriptionCommand({ TopicArn: msg.TopicArn, Token: msg.Token }));
  // ruleid: javascript.sns-confirm-subscription-without-auth
  await snsV2.confirmSubscription({ TopicArn: msg.TopicArn, Token: msg.Token }).promise();
  // ok: javascript.sns-confirm-subscription-without-auth
  await sns.send(new ConfirmSubscriptionCommand({ TopicArn: msg.TopicArn, Token: msg.Token, AuthenticateOnUnsubscribe: 'true' }));
  // ok: javascript.sns-confirm-subscription-without-auth
  await snsV2.confirmSubscription({ TopicArn: msg.TopicArn, Token: msg.Token, AuthenticateOnUnsubscribe: 'true' }).promise();
};
