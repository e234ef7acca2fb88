package com.example.directory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;

public class LookupHandler implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    @Override
    public String handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String user = request.getQueryStringParameters().get("user");
        try {
            DirContext ctx = new InitialDirContext();
            SearchControls sc = new SearchControls();
            // ruleid: java.lambda-ldap-injection
            ctx.search("ou=people,dc=example,dc=com", "(uid=" + user + ")", sc);
            String filter = String.format("(&(objectClass=person)(mail=%s))", request.getBody());
            // ruleid: java.lambda-ldap-injection
            ctx.search("ou=people,dc=example,dc=com", filter, sc);
            // ok: java.lambda-ldap-injection
            ctx.search("ou=people,dc=example,dc=com", "(uid={0})", new Object[] {user}, sc);
            // ok: java.lambda-ldap-injection
            ctx.search("ou=people,dc=example,dc=com", "(objectClass=person)", sc);
            return "ok";
        } catch (Exception e) {
            return "error";
        }
    }
}
