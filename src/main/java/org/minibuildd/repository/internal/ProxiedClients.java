package org.minibuildd.repository.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Who is really at the other end of a connection the {@link FrontDoor} passes to Tomcat. Tomcat sees the loopback
 * address of the front door; the front door records, under the local port of its loopback connection, the
 * client's address, and {@link #valve()} puts it back into each request, so logs and anything that looks at the
 * remote address see the client. Keyed by the connection, not by a header, so no client can claim another address.
 */
final class ProxiedClients {

    private final ConcurrentHashMap<Integer, InetSocketAddress> byPort = new ConcurrentHashMap<>();

    void register(int frontDoorPort, InetSocketAddress client) {
        byPort.put(frontDoorPort, client);
    }

    void unregister(int frontDoorPort) {
        byPort.remove(frontDoorPort);
    }

    InetSocketAddress client(int frontDoorPort) {
        return byPort.get(frontDoorPort);
    }

    ValveBase valve() {
        return new ValveBase(true) {
            @Override
            public void invoke(Request request, Response response) throws IOException, ServletException {
                var client = request.getRemoteAddr() != null && isLoopback(request.getRemoteAddr())
                        ? byPort.get(request.getRemotePort()) : null;
                if (client != null) {
                    var address = client.getAddress().getHostAddress();
                    request.setRemoteAddr(address);
                    request.setRemoteHost(address);
                    request.getCoyoteRequest().remoteAddr().setString(address);
                    request.getCoyoteRequest().remoteHost().setString(address);
                }
                getNext().invoke(request, response);
            }
        };
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
    }
}
