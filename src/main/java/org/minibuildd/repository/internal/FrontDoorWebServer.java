package org.minibuildd.repository.internal;

import java.io.IOException;

import org.springframework.boot.web.server.GracefulShutdownCallback;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;

/** Tomcat on its loopback port behind the {@link FrontDoor}, started and stopped as one web server. */
final class FrontDoorWebServer implements WebServer {

    private final WebServer tomcat;
    private final FrontDoor door;

    FrontDoorWebServer(WebServer tomcat, FrontDoor door) {
        this.tomcat = tomcat;
        this.door = door;
    }

    @Override
    public void start() throws WebServerException {
        tomcat.start();
        try {
            door.open(tomcat.getPort());
        } catch (IOException e) {
            tomcat.stop();
            throw new WebServerException(e.getMessage(), e);
        }
    }

    @Override
    public void stop() throws WebServerException {
        door.close();
        tomcat.stop();
    }

    /** The public port: what URLs, tests and the ready banner need. */
    @Override
    public int getPort() {
        return door.port();
    }

    @Override
    public void shutDownGracefully(GracefulShutdownCallback callback) {
        door.stopAccepting();
        tomcat.shutDownGracefully(callback);
    }

    @Override
    public void destroy() {
        door.close();
        tomcat.destroy();
    }
}
