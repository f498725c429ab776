package org.minibuildd.repository.internal;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * The one request check Tomcat leaves to the application, made once for every context on the port: a method
 * nobody here serves answers 405 (the servlet API would answer 501, and the application's security chain a
 * redirect to the login page). Framing is Tomcat's: a request with both {@code Transfer-Encoding} and
 * {@code Content-Length} is read by its chunks and the connection closed after the answer (RFC 9112 §6.3), so
 * nothing can be smuggled behind it.
 */
class RequestGuard extends ValveBase {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    RequestGuard() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", String.join(", ", METHODS));
            response.sendError(405);
            return;
        }
        getNext().invoke(request, response);
    }
}
