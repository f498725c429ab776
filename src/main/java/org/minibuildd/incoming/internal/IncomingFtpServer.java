package org.minibuildd.incoming.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.impl.DefaultFtpServerContext;
import org.apache.ftpserver.ftpletcontainer.impl.DefaultFtpletContainer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache FtpServer on the incoming port, with our user, file system and upload rules. Sessions run on virtual
 * threads: FtpServer hands each session's commands (a STOR blocks for the whole transfer) to one executor, which
 * we give a virtual-thread factory, so many slow uploads hold no platform threads. A stopped FtpServer cannot be
 * started again, so every {@link #start} builds a new one.
 */
final class IncomingFtpServer {

    private static final Logger log = LoggerFactory.getLogger(IncomingFtpServer.class);

    /** Generous for uploads (dput opens one session per run) yet bounded against a flood. */
    static final int MAX_SESSIONS = 64;
    static final int MAX_SESSIONS_PER_ADDRESS = 16;
    static final int IDLE_SECONDS = 300;

    private final int port;
    private final Ftplet rules;
    private FtpServer server;
    private ThreadPoolExecutor sessions;

    IncomingFtpServer(int port, Ftplet rules) {
        this.port = port;
        this.rules = rules;
    }

    synchronized void start() throws FtpException {
        if (server != null) {
            return;
        }
        sessions = new OrderedThreadPoolExecutor(0, MAX_SESSIONS * 2, 60, TimeUnit.SECONDS,
                Thread.ofVirtual().name("ftp-session-", 0).factory());
        var executor = sessions;
        var context = new DefaultFtpServerContext() {
            @Override
            public synchronized ThreadPoolExecutor getThreadPoolExecutor() {
                return executor;
            }
        };
        var connections = new ConnectionConfigFactory();
        connections.setAnonymousLoginEnabled(true);
        connections.setMaxAnonymousLogins(MAX_SESSIONS);
        connections.setMaxLogins(MAX_SESSIONS);
        connections.setMaxLoginFailures(3);
        connections.setLoginFailureDelay(500);
        context.setConnectionConfig(connections.createConnectionConfig());
        context.setUserManager(new AnonymousUsers(MAX_SESSIONS, MAX_SESSIONS_PER_ADDRESS, IDLE_SECONDS));
        context.setFileSystemManager(new IncomingFileSystem());
        // Mutable maps: FtpServer clears them when it stops.
        context.setFtpletContainer(new DefaultFtpletContainer(new HashMap<>(Map.of("incoming", rules))));

        var data = new DataConnectionConfigurationFactory();
        // PORT may only point back at the client itself (no FTP bounce through us).
        data.setActiveIpCheck(true);
        data.setIdleTime(IDLE_SECONDS);
        var listener = new ListenerFactory();
        listener.setPort(port);
        listener.setIdleTimeout(IDLE_SECONDS);
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        context.setListeners(new HashMap<>(Map.of("default", listener.createListener())));

        var ftp = new DefaultFtpServer(context);
        try {
            ftp.start();
        } catch (FtpException | RuntimeException e) {
            sessions.shutdownNow();
            throw e;
        }
        server = ftp;
        log.info("FTP incoming listening on port {}", port);
    }

    synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        server = null;
        sessions.shutdownNow();
        try {
            sessions.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("FTP incoming on port {} stopped", port);
    }

    synchronized boolean running() {
        return server != null;
    }
}
